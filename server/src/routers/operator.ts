import { ConversationRef, LoginInput, OperatorSendInput, OperatorTypingInput, StreamInput } from '../protocol/index.js';
import { OperatorStatusInput, VisitorRef } from '../protocol/availability.js';
import { ContactInput, EndInput, StartChatInput, TransferInput } from '../protocol/workspace.js';
import { operatorProcedure, publicProcedure, router } from '../trpc.js';
import { channelsRouter } from './channels.js';

export const authRouter = router({
  login: publicProcedure.input(LoginInput).mutation(({ ctx, input }) => ctx.chat.login(ctx.conn, input.email, input.password)),
  me: operatorProcedure.query(({ ctx }) => ctx.op.operator),
  logout: operatorProcedure.mutation(({ ctx }) => ctx.chat.logout(ctx.conn)),
});

export const operatorRouter = router({
  inbox: operatorProcedure.query(({ ctx }) => ctx.chat.inbox(ctx.op)),
  conversation: operatorProcedure.input(ConversationRef).query(({ ctx, input }) => ctx.chat.conversationDetail(ctx.op, input.conversationId)),
  accept: operatorProcedure.input(ConversationRef).mutation(({ ctx, input }) => ctx.chat.accept(ctx.op, input.conversationId)),
  send: operatorProcedure
    .input(OperatorSendInput)
    .mutation(({ ctx, input }) => ctx.chat.operatorSend(ctx.op, input.conversationId, input.clientId, input.text, input.file, input.note)),
  typing: operatorProcedure
    .input(OperatorTypingInput)
    .mutation(({ ctx, input }) => ctx.chat.operatorTyping(ctx.op, input.conversationId, input.typing)),
  /** Online, break, meal or offline; a meal time sets "meal" by itself. */
  setStatus: operatorProcedure.input(OperatorStatusInput).mutation(({ ctx, input }) => ctx.chat.setStatus(ctx.op, input.status)),
  team: operatorProcedure.query(({ ctx }) => ctx.chat.availability.team(ctx.op.accountId)),
  /** A blocked visitor cannot start a chat; their open chat ends. */
  block: operatorProcedure.input(VisitorRef).mutation(({ ctx, input }) => ctx.chat.setBlocked(ctx.op, input.visitorId, true)),
  unblock: operatorProcedure.input(VisitorRef).mutation(({ ctx, input }) => ctx.chat.setBlocked(ctx.op, input.visitorId, false)),
  /** Ends a chat, with tags. */
  end: operatorProcedure.input(EndInput).mutation(({ ctx, input }) => ctx.chat.end(ctx.op, input.conversationId, input.tags)),
  /** Continues an ended chat (the visitor's latest) with this operator. */
  reopen: operatorProcedure.input(ConversationRef).mutation(({ ctx, input }) => ctx.chat.reopen(ctx.op, input.conversationId)),
  /** Asks the visitor to rate the chat (when the account has rating turned on). */
  requestRating: operatorProcedure.input(ConversationRef).mutation(({ ctx, input }) => ctx.chat.requestRating(ctx.op, input.conversationId)),
  /** Transfer to an operator or a department, or invite an operator. */
  transfer: operatorProcedure.input(TransferInput).mutation(({ ctx, input }) => ctx.chat.transfer(ctx.op, input)),
  leave: operatorProcedure.input(ConversationRef).mutation(({ ctx, input }) => ctx.chat.leave(ctx.op, input.conversationId)),
  departments: operatorProcedure.query(({ ctx }) => ctx.chat.workspace.departments(ctx.op.accountId)),
  /** Canned responses for the composer's ":" picker. */
  canned: operatorProcedure.query(({ ctx }) => ctx.chat.workspace.canned(ctx.op.accountId)),
  /** Visitors on the site now; the stream's "visitor" and "presence" events keep the list live. */
  visitors: operatorProcedure.query(({ ctx }) => ctx.chat.liveVisitors(ctx.op)),
  /** Starts a chat with a visitor on the site, opening with this operator's message. */
  startChat: operatorProcedure.input(StartChatInput).mutation(({ ctx, input }) => ctx.chat.startChat(ctx.op, input.visitorId, input.clientId, input.text)),
  /** Team chat: channels and direct chats between operators. */
  channels: channelsRouter,
  visitor: router({
    /** Contact details and past chats. */
    get: operatorProcedure.input(VisitorRef).query(({ ctx, input }) => ctx.chat.visitorDetail(ctx.op, input.visitorId)),
    update: operatorProcedure.input(ContactInput).mutation(({ ctx, input }) => ctx.chat.updateContact(ctx.op, input)),
  }),
  events: operatorProcedure
    .input(StreamInput)
    .subscription(({ ctx, input, signal }) => ctx.chat.operatorStream(ctx.op, input.lastEventId, signal)),
});

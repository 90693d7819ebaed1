import { ConversationRef, LoginInput, OperatorSendInput, OperatorTypingInput, StreamInput } from '../protocol/index.js';
import { operatorProcedure, publicProcedure, router } from '../trpc.js';

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
    .mutation(({ ctx, input }) => ctx.chat.operatorSend(ctx.op, input.conversationId, input.clientId, input.text)),
  typing: operatorProcedure
    .input(OperatorTypingInput)
    .mutation(({ ctx, input }) => ctx.chat.operatorTyping(ctx.op, input.conversationId, input.typing)),
  end: operatorProcedure.input(ConversationRef).mutation(({ ctx, input }) => ctx.chat.end(ctx.op, input.conversationId)),
  events: operatorProcedure
    .input(StreamInput)
    .subscription(({ ctx, input, signal }) => ctx.chat.operatorStream(ctx.op, input.lastEventId, signal)),
});

/** Team chat for operators: channels, direct chats and their messages (operator.channels.*). */
import { ChannelCreateInput, ChannelHistoryInput, ChannelReadInput, ChannelSendInput, DirectInput } from '../protocol/team.js';
import { operatorProcedure, router } from '../trpc.js';

export const channelsRouter = router({
  /** The account's channels (#general at least) and this operator's direct chats, with unread counts. */
  list: operatorProcedure.query(({ ctx }) => ctx.chat.teamChat.list(ctx.op)),
  create: operatorProcedure.input(ChannelCreateInput).mutation(({ ctx, input }) => ctx.chat.teamChat.create(ctx.op, input.name)),
  /** Opens the direct chat with another operator of the account. */
  direct: operatorProcedure.input(DirectInput).mutation(({ ctx, input }) => ctx.chat.teamChat.direct(ctx.op, input.operatorId)),
  /** Messages, oldest first, before a message id (or the latest). */
  history: operatorProcedure.input(ChannelHistoryInput).query(({ ctx, input }) => ctx.chat.teamChat.history(ctx.op, input.channelId, input.before, input.limit)),
  /** Idempotent on clientId; a file is refused. */
  send: operatorProcedure.input(ChannelSendInput).mutation(({ ctx, input }) => ctx.chat.teamChat.send(ctx.op, input)),
  read: operatorProcedure.input(ChannelReadInput).mutation(({ ctx, input }) => ctx.chat.teamChat.read(ctx.op, input.channelId, input.messageId)),
});

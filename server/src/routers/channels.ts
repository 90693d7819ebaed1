/** Team chat for operators: channels, direct chats, their messages, and @mentions of this operator (operator.channels.*). */
import { ChannelCreateInput, ChannelHistoryInput, ChannelReadInput, ChannelSendInput, DirectInput, MentionReadInput } from '../protocol/team.js';
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
  /** Marks a channel read up to a message, with this operator's mentions in it. */
  read: operatorProcedure.input(ChannelReadInput).mutation(({ ctx, input }) => ctx.chat.teamChat.read(ctx.op, input.channelId, input.messageId)),
  /** This operator's unread mentions, newest first (at most 50), and how many are unread in all. */
  mentions: operatorProcedure.query(({ ctx }) => ctx.chat.teamChat.mentions(ctx.op)),
  /** Marks one of this operator's mentions read; someone else's, or an unknown id, is NOT_FOUND. */
  readMention: operatorProcedure.input(MentionReadInput).mutation(({ ctx, input }) => ctx.chat.teamChat.readMention(ctx.op, input.mentionId)),
  /** Marks all of this operator's mentions read. */
  readAllMentions: operatorProcedure.mutation(({ ctx }) => ctx.chat.teamChat.readAllMentions(ctx.op)),
});

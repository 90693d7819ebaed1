import { PageViewInput, StreamInput, TypingInput, VisitorSendInput } from '../protocol/index.js';
import { router, siteProcedure, visitorProcedure } from '../trpc.js';

export const visitorRouter = router({
  /** Identifies the visitor; returns a new token when the one presented was missing or unknown. */
  hello: siteProcedure.mutation(({ ctx }) => ctx.chat.hello(ctx.conn, ctx.site)),
  pageView: visitorProcedure.input(PageViewInput).mutation(({ ctx, input }) => ctx.chat.pageView(ctx.visitor, ctx.site, input)),
  send: visitorProcedure
    .input(VisitorSendInput)
    .mutation(({ ctx, input }) => ctx.chat.visitorSend(ctx.visitor, ctx.site, input.clientId, input.text)),
  typing: visitorProcedure.input(TypingInput).mutation(({ ctx, input }) => ctx.chat.visitorTyping(ctx.visitor, ctx.site, input.typing)),
  end: visitorProcedure.mutation(({ ctx }) => ctx.chat.visitorEnd(ctx.visitor)),
  events: visitorProcedure
    .input(StreamInput)
    .subscription(({ ctx, input, signal }) => ctx.chat.visitorStream(ctx.visitor, input.lastEventId, signal)),
});

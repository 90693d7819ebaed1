import { PageViewInput, StreamInput, TypingInput, VisitorSendInput } from '../protocol/index.js';
import { AttributesInput, CaptureInput, DeliveryRef } from '../protocol/proactive.js';
import { RateInput } from '../protocol/workspace.js';
import { router, siteProcedure, visitorProcedure } from '../trpc.js';

export const visitorRouter = router({
  /** Identifies the visitor; returns a new token when the one presented was missing or unknown. */
  hello: siteProcedure.mutation(({ ctx }) => ctx.chat.hello(ctx.conn, ctx.site)),
  pageView: visitorProcedure.input(PageViewInput).mutation(({ ctx, input }) => ctx.chat.pageView(ctx.conn, ctx.visitor, ctx.site, input)),
  /** Custom attributes for targeting (null removes one); returns them all. */
  setAttributes: visitorProcedure
    .input(AttributesInput)
    .mutation(({ ctx, input }) => ({ attributes: ctx.chat.proactive.setAttributes(ctx.conn, ctx.visitor, input.attributes) })),
  send: visitorProcedure
    .input(VisitorSendInput)
    .mutation(({ ctx, input }) => ctx.chat.visitorSend(ctx.visitor, ctx.site, input.clientId, input.text, input.deliveryId, input, input.file)),
  typing: visitorProcedure.input(TypingInput).mutation(({ ctx, input }) => ctx.chat.visitorTyping(ctx.visitor, ctx.site, input.typing)),
  end: visitorProcedure.mutation(({ ctx }) => ctx.chat.visitorEnd(ctx.visitor)),
  /** Rates a chat of this visitor's good or bad, with an optional comment. */
  rate: visitorProcedure.input(RateInput).mutation(({ ctx, input }) => ctx.chat.rate(ctx.visitor, input)),
  events: visitorProcedure
    .input(StreamInput)
    .subscription(({ ctx, input, signal }) => ctx.chat.visitorStream(ctx.conn, ctx.visitor, input.lastEventId, signal)),
  proactive: router({
    /** The visitor clicked a proactive bubble. */
    opened: visitorProcedure.input(DeliveryRef).mutation(({ ctx, input }) => ctx.chat.proactive.opened(ctx.visitor, input.deliveryId)),
    /** The visitor submitted a proactive message's form. */
    capture: visitorProcedure.input(CaptureInput).mutation(({ ctx, input }) => ctx.chat.proactiveCapture(ctx.visitor, ctx.site, input)),
  }),
});

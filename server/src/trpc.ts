/** The one tRPC instance, and the procedures that narrow the context by who is calling. */
import { initTRPC, TRPCError } from '@trpc/server';
import { ZodError } from 'zod';
import type { Context } from './context.js';

const t = initTRPC.context<Context>().create({
  errorFormatter({ shape, error }) {
    const cause = error.cause;
    if (error.code === 'BAD_REQUEST' && cause instanceof ZodError) {
      const message = cause.issues
        .map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message))
        .join('; ');
      return { ...shape, message, data: { ...shape.data, issues: cause.issues.map((i) => ({ path: i.path.map(String), message: i.message })) } };
    }
    return shape;
  },
});

export const router = t.router;
export const publicProcedure = t.procedure;

/** A widget connection, opened with a known site key. */
export const siteProcedure = t.procedure.use(({ ctx, next }) => {
  const site = ctx.conn.site;
  if (!site) throw new TRPCError({ code: 'FORBIDDEN', message: 'This connection was not opened with a valid site key' });
  return next({ ctx: { ...ctx, site } });
});

/** A widget connection whose visitor is known (after visitor.hello). */
export const visitorProcedure = siteProcedure.use(({ ctx, next }) => {
  const visitor = ctx.conn.visitor;
  if (!visitor) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Unknown visitor: call visitor.hello first' });
  return next({ ctx: { ...ctx, visitor } });
});

/** A signed-in operator. */
export const operatorProcedure = t.procedure.use(({ ctx, next }) => {
  const op = ctx.chat.operatorOf(ctx.conn);
  if (!op) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Sign in as an operator first' });
  return next({ ctx: { ...ctx, op } });
});

/** An operator with the admin role (marketers). */
export const adminProcedure = operatorProcedure.use(({ ctx, next }) => {
  if (ctx.op.operator.role !== 'admin') throw new TRPCError({ code: 'FORBIDDEN', message: 'This needs the admin role' });
  return next();
});

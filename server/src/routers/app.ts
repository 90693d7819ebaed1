import { router } from '../trpc.js';
import { authRouter, operatorRouter } from './operator.js';
import { visitorRouter } from './visitor.js';

export const appRouter = router({
  visitor: visitorRouter,
  auth: authRouter,
  operator: operatorRouter,
});

export type AppRouter = typeof appRouter;

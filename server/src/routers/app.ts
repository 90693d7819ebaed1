import { router } from '../trpc.js';
import { adminRouter } from './admin.js';
import { authRouter, operatorRouter } from './operator.js';
import { visitorRouter } from './visitor.js';

export const appRouter = router({
  visitor: visitorRouter,
  auth: authRouter,
  operator: operatorRouter,
  admin: adminRouter,
});

export type AppRouter = typeof appRouter;

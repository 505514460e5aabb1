import type { AppModule } from './graphql/module.ts';
import { healthModule } from './health/health.module.ts';

/** Every API module, in the order their routes are registered. */
export const appModules: AppModule[] = [healthModule];

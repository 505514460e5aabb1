import type { SessionUser } from '../access/session-user.ts';
import { AppError } from '../errors.ts';
import type { RequestContext } from './module.ts';

/** The signed-in user, or SB_ERR_UNAUTHENTICATED. */
export function currentUser(context: RequestContext): SessionUser {
  if (!context.user) throw new AppError('SB_ERR_UNAUTHENTICATED');
  return context.user;
}

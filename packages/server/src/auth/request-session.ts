/**
 * Makes the session of a request available as `request.sessionLookup()` and `request.sessionUser()` — looked up
 * on first use and cached for the rest of the request, so resolvers and guards can ask as often as they like.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../config.ts';
import type { SessionLookup, SessionUser } from '../access/session-user.ts';
import type { SessionService } from './session.service.ts';
import { sessionCookieName } from './session-token.ts';

const lookups = new WeakMap<FastifyRequest, Promise<SessionLookup>>();

type SessionLookups = Pick<SessionService, 'lookup'>;

export function lookupSession(request: FastifyRequest, sessions: SessionLookups): Promise<SessionLookup> {
  let lookup = lookups.get(request);
  if (!lookup) {
    lookup = sessions.lookup(request.cookies?.[sessionCookieName]);
    lookups.set(request, lookup);
  }
  return lookup;
}

export async function sessionUserOf(request: FastifyRequest, sessions: SessionLookups): Promise<SessionUser | undefined> {
  const lookup = await lookupSession(request, sessions);
  return lookup.status === 'active' ? lookup.user : undefined;
}

/** Installs request.sessionLookup() and request.sessionUser() (declared in access/session-user.ts) on every request. */
export function installSessionHook(app: FastifyInstance, sessions: SessionLookups): void {
  app.addHook('onRequest', async (request) => {
    request.sessionLookup = () => lookupSession(request, sessions);
    request.sessionUser = () => sessionUserOf(request, sessions);
  });
}

export function setSessionCookie(reply: FastifyReply, token: string, config: Pick<Config, 'cookieSecure' | 'sessionAbsoluteHours'>): void {
  reply.setCookie(sessionCookieName, token, {
    httpOnly: true,
    sameSite: 'lax',
    secure: config.cookieSecure,
    path: '/',
    // The browser may keep it as long as the absolute limit; the server decides validity on every request.
    maxAge: config.sessionAbsoluteHours * 3600,
  });
}

export function clearSessionCookie(reply: FastifyReply, config: Pick<Config, 'cookieSecure'>): void {
  reply.clearCookie(sessionCookieName, { httpOnly: true, sameSite: 'lax', secure: config.cookieSecure, path: '/' });
}

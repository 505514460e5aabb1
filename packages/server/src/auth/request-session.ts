/**
 * Makes the session of a request available as `request.sessionLookup()` and `request.sessionUser()` — looked up
 * on first use and cached for the rest of the request, so resolvers and guards can ask as often as they like.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../config.ts';
import type { Services } from '../services.ts';
import { sessionCookieName } from './session-token.ts';
import type { SessionLookup, SessionUser } from './session-user.ts';

const lookups = new WeakMap<FastifyRequest, Promise<SessionLookup>>();

export function lookupSession(request: FastifyRequest, services: Services): Promise<SessionLookup> {
  let lookup = lookups.get(request);
  if (!lookup) {
    lookup = services.sessions.lookup(request.cookies?.[sessionCookieName]);
    lookups.set(request, lookup);
  }
  return lookup;
}

export async function sessionUserOf(request: FastifyRequest, services: Services): Promise<SessionUser | undefined> {
  const lookup = await lookupSession(request, services);
  return lookup.status === 'active' ? lookup.user : undefined;
}

export function installSessionHook(app: FastifyInstance, services: Services): void {
  app.addHook('onRequest', async (request) => {
    request.sessionLookup = () => lookupSession(request, services);
    request.sessionUser = () => sessionUserOf(request, services);
  });
}

export function setSessionCookie(reply: FastifyReply, token: string, config: Config): void {
  reply.setCookie(sessionCookieName, token, {
    httpOnly: true,
    sameSite: 'lax',
    secure: config.cookieSecure,
    path: '/',
    // The browser may keep it as long as the absolute limit; the server decides validity on every request.
    maxAge: config.sessionAbsoluteHours * 3600,
  });
}

export function clearSessionCookie(reply: FastifyReply, config: Config): void {
  reply.clearCookie(sessionCookieName, { httpOnly: true, sameSite: 'lax', secure: config.cookieSecure, path: '/' });
}

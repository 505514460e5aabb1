import { createHash, randomBytes } from 'node:crypto';

/** The session cookie: 32 random bytes, base64url. Only its SHA-256 is stored, so a leaked table opens no session. */
export const sessionCookieName = 'sb_session';

export function newSessionToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashSessionToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

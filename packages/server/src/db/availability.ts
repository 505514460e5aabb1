/**
 * Whether an error means "the database cannot be reached right now" (PostgreSQL restarting, the network gone, the
 * pool unable to connect) rather than "this query is wrong". Such errors are answered with
 * SB_ERR_DATABASE_UNAVAILABLE (503, try again) instead of SB_ERR_INTERNAL: nothing was applied, because every command
 * runs in one transaction that PostgreSQL rolls back when its connection dies.
 */

/** Socket and DNS errors of Node, and the connection errors postgres.js raises itself. */
const connectionCodes = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN',
  'CONNECT_TIMEOUT', 'CONNECTION_CLOSED', 'CONNECTION_ENDED', 'CONNECTION_DESTROYED',
]);

/**
 * SQLSTATEs of a server going away: class 08 (connection exception), and 57P01-57P03 (the administrator or a crash
 * shut the server down; the server is starting and not yet accepting connections).
 */
function isUnavailableSqlState(code: string): boolean {
  return code.startsWith('08') || code === '57P01' || code === '57P02' || code === '57P03';
}

export function isDatabaseUnavailable(error: unknown): boolean {
  // drizzle wraps driver errors (DrizzleQueryError.cause); follow the chain a few links deep.
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current !== null && typeof current === 'object'; depth += 1) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && (connectionCodes.has(code) || (/^[0-9A-Z]{5}$/.test(code) && isUnavailableSqlState(code)))) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

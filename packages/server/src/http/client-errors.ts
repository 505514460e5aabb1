/**
 * A request the client got wrong is answered with its own 4xx and an SB_ERR_* code, never as SB_ERR_INTERNAL with
 * a stack trace in the error log: a wrong method (405), a body that is not JSON (415), broken JSON (400), a body
 * over the limit (413), and GraphQL requests refused by parsing, validation or the limits in graphql-limits.ts.
 * Their messages describe the request, never the server, so they are safe to show.
 */
import { AppError } from '../errors.ts';
import type { LimitRefusal } from './graphql-limits.ts';

interface CodedError {
  code?: unknown;
  statusCode?: unknown;
  message?: unknown;
  errors?: unknown;
  extensions?: unknown;
}

/** graphql-js's "Did you mean …?" hints name hidden fields and operations: gone in production (also from execution). */
export function withoutSuggestions(message: string): string {
  return message.replace(/\s*Did you mean [^?]*\?/g, '').trim();
}

function megabytes(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  return Number.isInteger(mb) ? String(mb) : mb.toFixed(1);
}

/**
 * The client error fastify or mercurius raised before our code ran (content type, JSON, body size, method), as an
 * AppError; undefined when `error` is not one of those.
 */
export function transportErrorToAppError(error: unknown, bodyLimitBytes: number): AppError | undefined {
  const { code, statusCode, message } = (error ?? {}) as CodedError;
  if (code === 'MER_ERR_METHOD_NOT_ALLOWED' || statusCode === 405) {
    return new AppError('SB_ERR_METHOD_NOT_ALLOWED');
  }
  if (code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' || statusCode === 415) return new AppError('SB_ERR_UNSUPPORTED_MEDIA_TYPE');
  if (code === 'FST_ERR_CTP_BODY_TOO_LARGE' || statusCode === 413) return new AppError('SB_ERR_BODY_TOO_LARGE', { limitMb: megabytes(bodyLimitBytes) });
  if (code === 'FST_ERR_CTP_INVALID_JSON_BODY' || code === 'FST_ERR_CTP_EMPTY_JSON_BODY') {
    return new AppError('SB_ERR_INVALID_JSON');
  }
  if (typeof statusCode === 'number' && statusCode >= 400 && statusCode < 500) {
    return new AppError('SB_ERR_BAD_REQUEST', { detail: typeof message === 'string' ? message : 'bad request' });
  }
  return undefined;
}

const tokenLimitMessage = /Document contains more that (\d+) tokens/;
const depthLimitMessage = /exceeds the query depth limit of (\d+)/;

/** One inner error of a refused GraphQL request (syntax, validation, a limit) as its AppError. */
function innerErrorToAppError(error: CodedError, hideSuggestions: boolean): AppError {
  const message = String(error.message ?? '');
  const refusal = (error.extensions as { sbCode?: unknown; params?: unknown } | undefined);
  if (refusal && typeof refusal.sbCode === 'string') {
    const { sbCode, params } = refusal as LimitRefusal;
    return new AppError(sbCode, params, params);
  }
  const tokens = tokenLimitMessage.exec(message);
  if (tokens) return new AppError('SB_ERR_GRAPHQL_TOO_MANY_TOKENS', { limit: Number(tokens[1]) }, { limit: Number(tokens[1]) });
  const depth = depthLimitMessage.exec(message);
  if (depth) return new AppError('SB_ERR_GRAPHQL_TOO_DEEP', { limit: Number(depth[1]) }, { limit: Number(depth[1]) });
  if (message === 'body must be object') return new AppError('SB_ERR_BAD_REQUEST', { detail: 'batched queries are not accepted; send one query per request' });
  return new AppError('SB_ERR_BAD_REQUEST', { detail: hideSuggestions ? withoutSuggestions(message) : message });
}

/**
 * mercurius wraps request-level problems (syntax, validation, depth limit, a batched body) in one MER_ERR_GQL_*
 * error holding the individual errors. Returns one AppError per inner error, or undefined for any other error.
 */
export function requestErrorToAppErrors(original: unknown, hideSuggestions: boolean): AppError[] | undefined {
  const { code, errors } = (original ?? {}) as CodedError;
  if (typeof code !== 'string' || !code.startsWith('MER_ERR_GQL_')) return undefined;
  const inner = Array.isArray(errors) && errors.length > 0 ? (errors as CodedError[]) : [original as CodedError];
  return inner.map((error) => innerErrorToAppError(error, hideSuggestions));
}

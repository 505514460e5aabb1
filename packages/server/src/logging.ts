/**
 * Log settings: pino (fastify's logger) with redaction. Request logs carry method, URL and status, never bodies or
 * headers; the redaction list is the second line of defence for objects a handler logs on purpose.
 */
import type { FastifyServerOptions } from 'fastify';
import type { Config } from './config.ts';

/** Paths pino must never write: passwords, codes, cookies, tokens. */
export const redactedPaths = [
  'req.headers.cookie',
  'req.headers.authorization',
  'res.headers["set-cookie"]',
  'headers.cookie',
  'headers.authorization',
  '*.password',
  '*.newPassword',
  '*.oldPassword',
  '*.code',
  '*.token',
  'variables.password',
  'variables.newPassword',
  'variables.oldPassword',
  'variables.input.password',
  'variables.input.newPassword',
  'variables.input.code',
];

export const redactionCensor = '[已隐藏]';

/** Anything pino can write to: tests pass a collecting stream. */
export interface LogStream {
  write(line: string): void;
}

export function loggerOptions(config: Config, stream?: LogStream): FastifyServerOptions['logger'] {
  return {
    level: config.logLevel,
    redact: { paths: redactedPaths, censor: redactionCensor },
    ...(stream ? { stream } : {}),
  };
}

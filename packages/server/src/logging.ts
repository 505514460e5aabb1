import type { FastifyServerOptions } from 'fastify';
import type { Config } from './config.ts';

/** Paths pino must never write: passwords, codes, cookies, tokens. */
export const redactedPaths = [
  'req.headers.cookie',
  'req.headers.authorization',
  'res.headers["set-cookie"]',
  '*.password',
  '*.newPassword',
  '*.oldPassword',
  '*.code',
  '*.token',
  'variables.password',
  'variables.newPassword',
  'variables.input.password',
  'variables.input.newPassword',
  'variables.input.code',
];

export function loggerOptions(config: Config): FastifyServerOptions['logger'] {
  return {
    level: config.logLevel,
    redact: { paths: redactedPaths, censor: '[已隐藏]' },
  };
}

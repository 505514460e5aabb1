/**
 * API errors over the one registry (packages/engine/src/errors.ts): an AppError's code decides its HTTP status and
 * its Chinese and English wording.
 */
import { errorMessage, errorRegistry, type ErrorCode, type ErrorDefinition } from '@shenbao/engine';

export { errorRegistry, type ErrorCode, type ErrorDefinition };

/** An error meant for the user: its code decides status and wording; `details` carries field errors etc. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly zh: string;
  readonly en: string;
  readonly params: Record<string, string | number>;
  readonly details: unknown;

  constructor(code: ErrorCode, params: Record<string, string | number> = {}, details?: unknown) {
    const definition: ErrorDefinition = errorRegistry[code];
    const { zh, en } = errorMessage(code, params);
    super(`${code}: ${en}`);
    this.name = 'AppError';
    this.code = code;
    this.status = definition.status;
    this.zh = zh;
    this.en = en;
    this.params = params;
    this.details = details;
  }

  /** The shape every API answer carries for an error (GraphQL `extensions`, REST body). */
  toJSON(): { code: ErrorCode; status: number; message: { zh: string; en: string }; details?: unknown } {
    return {
      code: this.code,
      status: this.status,
      message: { zh: this.zh, en: this.en },
      ...(this.details === undefined ? {} : { details: this.details }),
    };
  }
}


export function isAppError(value: unknown): value is AppError {
  return value instanceof AppError;
}

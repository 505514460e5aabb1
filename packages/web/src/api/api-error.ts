// The narrow entry: the first page must not pull in the engine's validators.
import { errorMessage } from '@shenbao/engine/errors';
import type { Message } from '../i18n/i18n.tsx';

/**
 * Every failure the API layer reports: the server's `SB_ERR_*` code with its bilingual message and details
 * (for SB_ERR_VALIDATION: `{ fields: { "/json/pointer": [{ zh, en }] } }`). Network and protocol failures get
 * client-side codes so callers can treat all errors the same way.
 */
export class ApiError extends Error {
  readonly code: string;
  readonly status: number | undefined;
  readonly messages: Message;
  readonly details: unknown;

  constructor(code: string, messages: Message, details?: unknown, status?: number) {
    super(`${code}: ${messages.en}`);
    this.name = 'ApiError';
    this.code = code;
    this.messages = messages;
    this.details = details;
    this.status = status;
  }
}

export const clientErrorCodes = {
  network: 'SB_ERR_NETWORK',
  badResponse: 'SB_ERR_BAD_RESPONSE',
  aborted: 'SB_ERR_ABORTED',
} as const;

// Their words come from the one registry, like every server error's.
export const networkErrorMessage: Message = errorMessage('SB_ERR_NETWORK');
export const badResponseMessage: Message = errorMessage('SB_ERR_BAD_RESPONSE');

/** Field errors keyed by JSON pointer, as SB_ERR_VALIDATION details carry them. */
export type FieldErrors = Record<string, Message[]>;

/** Reads `details.fields` of a validation error; anything malformed is ignored rather than trusted. */
export function fieldErrorsOf(error: unknown): FieldErrors {
  if (!(error instanceof ApiError) || typeof error.details !== 'object' || error.details === null) return {};
  const fields = (error.details as { fields?: unknown }).fields;
  if (typeof fields !== 'object' || fields === null) return {};
  const result: FieldErrors = {};
  for (const [pointer, list] of Object.entries(fields as Record<string, unknown>)) {
    if (!Array.isArray(list)) continue;
    const messages = list.filter(isMessage);
    if (messages.length > 0) result[pointer] = messages;
  }
  return result;
}

export function isMessage(value: unknown): value is Message {
  return typeof value === 'object' && value !== null && typeof (value as Message).zh === 'string' && typeof (value as Message).en === 'string';
}

/** Builds an ApiError from the `{ code, status, message: { zh, en }, details }` shape the server uses everywhere. */
export function apiErrorFromPayload(payload: unknown, fallbackStatus?: number): ApiError {
  if (typeof payload === 'object' && payload !== null) {
    const record = payload as { code?: unknown; status?: unknown; message?: unknown; details?: unknown; error?: unknown };
    // Some REST answers wrap the error: { error: { code, … } }.
    if (record.code === undefined && typeof record.error === 'object' && record.error !== null) {
      return apiErrorFromPayload(record.error, fallbackStatus);
    }
    if (typeof record.code === 'string' && isMessage(record.message)) {
      const status = typeof record.status === 'number' ? record.status : fallbackStatus;
      return new ApiError(record.code, record.message, record.details, status);
    }
  }
  return new ApiError(clientErrorCodes.badResponse, badResponseMessage, payload, fallbackStatus);
}

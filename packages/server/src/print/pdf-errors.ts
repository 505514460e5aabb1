/**
 * Errors of the PDF renderer. They carry a stable code and a Chinese and an English message like
 * every user-facing error; their words come from the one registry.
 */
import { errorMessage } from '@shenbao/engine';

export type PdfErrorCode = 'SB_ERR_PDF_NO_CHROMIUM' | 'SB_ERR_PDF_CLOSED' | 'SB_ERR_PDF_RENDER' | 'SB_ERR_PDF_BAD_OPTIONS';

export class PdfRenderError extends Error {
  readonly code: PdfErrorCode;
  readonly zh: string;
  readonly en: string;

  constructor(code: PdfErrorCode, detail = '', options?: { cause?: unknown }) {
    const { zh, en } = errorMessage(code, { detail });
    super(`${code}: ${en}`, options);
    this.name = 'PdfRenderError';
    this.code = code;
    this.zh = zh;
    this.en = en;
  }
}

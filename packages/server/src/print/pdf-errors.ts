/**
 * Errors of the PDF renderer. They carry a stable code and a Chinese and an English message like
 * every user-facing error; the app maps them onto its registry (SB_ERR_PDF_* there).
 */
export type PdfErrorCode = 'SB_ERR_PDF_NO_CHROMIUM' | 'SB_ERR_PDF_CLOSED' | 'SB_ERR_PDF_RENDER' | 'SB_ERR_PDF_BAD_OPTIONS';

const messages: Record<PdfErrorCode, { zh: string; en: string }> = {
  SB_ERR_PDF_NO_CHROMIUM: { zh: '找不到用于生成 PDF 的 Chromium：{detail}', en: 'No Chromium found to render PDFs: {detail}' },
  SB_ERR_PDF_CLOSED: { zh: 'PDF 生成服务正在关闭，请稍后再试', en: 'The PDF renderer is shutting down; please try again later' },
  SB_ERR_PDF_RENDER: { zh: '生成 PDF 失败：{detail}', en: 'Rendering the PDF failed: {detail}' },
  SB_ERR_PDF_BAD_OPTIONS: { zh: 'PDF 生成参数不正确：{detail}', en: 'Invalid PDF rendering options: {detail}' },
};

export class PdfRenderError extends Error {
  readonly code: PdfErrorCode;
  readonly zh: string;
  readonly en: string;

  constructor(code: PdfErrorCode, detail = '', options?: { cause?: unknown }) {
    const { zh, en } = messages[code];
    const filledEn = en.replace('{detail}', detail);
    super(`${code}: ${filledEn}`, options);
    this.name = 'PdfRenderError';
    this.code = code;
    this.zh = zh.replace('{detail}', detail);
    this.en = filledEn;
  }
}

/**
 * The footer Chromium draws on every page of a PDF, outside the document: the version code, the
 * verification QR code, "第 N 页 / 共 M 页" and a line of text. Because the renderer adds it, no
 * template can leave the version off a page. Header/footer templates render in their own tiny
 * document: they need an explicit font size and a CJK font, and images only work as data URLs.
 */
import { PRINT_PAGE_MARGINS, SANS_FONTS } from '@shenbao/engine';
import { PdfRenderError } from './pdf-errors.ts';

export interface FooterContent {
  version: string;
  /** Right-hand text, e.g. the programme and applicant name. */
  footerText?: string;
  /** The verification QR code as a data: URL (see verificationQrDataUrl). */
  qrDataUrl?: string;
}

const DATA_IMAGE = /^data:image\/(png|gif|jpeg|svg\+xml);base64,[A-Za-z0-9+/]+=*$/;

/** Chromium's footerTemplate for one print. */
export function buildFooterTemplate({ version, footerText = '', qrDataUrl }: FooterContent): string {
  if (qrDataUrl !== undefined && !DATA_IMAGE.test(qrDataUrl)) {
    throw new PdfRenderError('SB_ERR_PDF_BAD_OPTIONS', 'qrDataUrl must be a base64 data:image URL');
  }
  const qr = qrDataUrl ? `<img src="${qrDataUrl}" style="width:13mm;height:13mm;margin-right:2mm;">` : '';
  return [
    `<div style="width:100%;box-sizing:border-box;margin:0 ${PRINT_PAGE_MARGINS.right} 5mm ${PRINT_PAGE_MARGINS.left};`,
    `font-family:${escapeAttribute(SANS_FONTS)};font-size:8pt;line-height:1.3;color:#222;`,
    '-webkit-print-color-adjust:exact;display:flex;align-items:flex-end;justify-content:space-between;">',
    `<div style="display:flex;align-items:center;flex:1 1 0;">${qr}<span>版本号 <b style="font-size:9pt;letter-spacing:0.5pt;">${escapeHtml(version)}</b></span></div>`,
    '<div style="flex:0 0 auto;text-align:center;">第 <span class="pageNumber"></span> 页 / 共 <span class="totalPages"></span> 页</div>',
    `<div style="flex:1 1 0;text-align:right;">${escapeHtml(footerText)}</div>`,
    '</div>',
  ].join('');
}

/** The header stays empty; Chromium would otherwise print the title and date there. */
export const EMPTY_HEADER_TEMPLATE = '<span></span>';

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function escapeAttribute(text: string): string {
  return text.replace(/"/g, "'");
}

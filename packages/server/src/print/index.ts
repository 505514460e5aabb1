/** PDF printing: the Chromium pool, footers with the version code, verification QR codes. */
export { PdfRenderer, CHROMIUM_ARGS, type PdfRendererOptions, type PdfRendererLogger, type PdfRendererStats, type RenderPdfOptions } from './pdf-renderer.ts';
export { PdfRenderError, type PdfErrorCode } from './pdf-errors.ts';
export { findChromium, CHROMIUM_CANDIDATES } from './chromium-path.ts';
export { buildFooterTemplate, type FooterContent } from './footer-template.ts';
export { verificationQrDataUrl, verificationUrl } from './verification-qr.ts';
export { newPrintVersionCode, cryptoRandom } from './print-version-code.ts';
export { generatePrint, type GeneratedPrint, type GeneratePrintOptions } from './print-generation.ts';

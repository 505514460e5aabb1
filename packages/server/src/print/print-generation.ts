/**
 * One print, start to finish: print data → HTML → PDF, with the facts the store keeps about it
 * ({version, data hash, PDF hash, time}) so /verify can later say what a paper copy came from.
 */
import { createHash } from 'node:crypto';
import { buildPrintData, printDataHash, renderPrintHtml, type PrintData, type PrintInput, type PrintTemplate } from '@shenbao/engine';
import type { PdfRenderer } from './pdf-renderer.ts';
import { newPrintVersionCode } from './print-version-code.ts';
import { verificationQrDataUrl } from './verification-qr.ts';

export interface GeneratedPrint {
  version: string;
  data: PrintData;
  /** SHA-256 (hex) of the canonical print data. */
  dataHash: string;
  html: string;
  pdf: Buffer;
  /** SHA-256 (hex) of the PDF bytes. */
  pdfHash: string;
}

export interface GeneratePrintOptions {
  /** The server's public address; the QR code points at `${publicUrl}/verify/<version>`. */
  publicUrl: string;
  footerText?: string;
}

/**
 * Renders a print. Without `input.version` a fresh crypto-random code is drawn; when storing the
 * result hits the unique constraint on the version, call again without a version.
 */
export async function generatePrint(
  renderer: PdfRenderer,
  template: PrintTemplate,
  input: Omit<PrintInput, 'version'> & { version?: string },
  options: GeneratePrintOptions,
): Promise<GeneratedPrint> {
  const version = input.version ?? newPrintVersionCode();
  const data = buildPrintData({ ...input, version });
  const html = renderPrintHtml(template, data);
  const qrDataUrl = await verificationQrDataUrl(options.publicUrl, version);
  const footer = options.footerText === undefined ? { version, qrDataUrl } : { version, qrDataUrl, footerText: options.footerText };
  const pdf = await renderer.render(html, footer);
  return { version, data, dataHash: printDataHash(data), html, pdf, pdfHash: createHash('sha256').update(pdf).digest('hex') };
}

/**
 * Print data + compiled template → one self-contained HTML document, ready for Chromium to turn
 * into a PDF: A4 CSS, the programme's CSS, the version watermark (a vector SVG image, see watermark.ts) and a content security policy
 * that forbids every fetch but inline data (a second wall behind the renderer's own blocking).
 */
import Handlebars from 'handlebars';
import { textIn } from '../text.ts';
import type { PrintTemplate } from './compile-print-template.ts';
import { buildPrintData, type PrintData, type PrintInput } from './print-data.ts';
import { BASE_PRINT_CSS } from './print-stylesheet.ts';
import { watermarkImage } from './watermark.ts';

/** Nothing may be fetched: images and fonts only from data: URLs, styles only inline, no frames, no scripts. */
export const PRINT_CONTENT_SECURITY_POLICY =
  "default-src 'none'; img-src data:; font-src data:; style-src 'unsafe-inline'; frame-src 'none'; " +
  "child-src 'none'; object-src 'none'; script-src 'none'; form-action 'none'; base-uri 'none'";

/** Renders the complete HTML document of one print. */
export function renderPrintHtml(template: PrintTemplate, input: PrintInput | PrintData): string {
  const data = buildPrintData(input);
  const body = template.renderBody(data);
  const escape = Handlebars.escapeExpression;
  const title = [data.print ? textIn(data.print.title, data.lang) : '', textIn(data.programme.title, data.lang), data.version]
    .filter((part) => part !== '')
    .join(' · ');
  return [
    '<!DOCTYPE html>',
    `<html lang="${data.lang === 'en' ? 'en' : 'zh-CN'}">`,
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${PRINT_CONTENT_SECURITY_POLICY}">`,
    `<title>${escape(title)}</title>`,
    `<style>${BASE_PRINT_CSS}</style>`,
    `<style>${containStyle(template.css)}</style>`,
    '</head>',
    `<body data-version="${escape(data.version)}">`,
    // The image is set inline and !important, so no programme stylesheet can take it away.
    `<div class="sb-watermark" aria-hidden="true" style="background-image: url(&quot;${watermarkImage(data.version)}&quot;) !important"></div>`,
    `<main class="sb-print">${body}</main>`,
    '</body>',
    '</html>',
  ].join('\n');
}

/** Keeps a stylesheet inside its <style> element: `</style` in CSS would end it early. */
function containStyle(css: string): string {
  return css.replace(/<\/(style)/gi, '<\\/$1');
}

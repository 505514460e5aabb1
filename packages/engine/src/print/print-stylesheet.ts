/**
 * The base stylesheet every printed book starts from: A4 pages, the CJK fonts the server has
 * (Noto Serif/Sans CJK SC standing in for 宋体/黑体, with the Windows and macOS names after them
 * for a browser preview), bordered form tables, and the version watermark. A programme's own CSS
 * comes after it and may override anything but the watermark, whose rules are marked !important.
 */
import { WATERMARK_TILE_MM } from './watermark.ts';

/** Page margins; the bottom one leaves room for the footer the PDF renderer draws (version, QR, page N of M). */
export const PRINT_PAGE_MARGINS = { top: '22mm', right: '20mm', bottom: '30mm', left: '25mm' } as const;

export const SERIF_FONTS = '"Noto Serif CJK SC", "Source Han Serif SC", "SimSun", "Songti SC", serif';
export const SANS_FONTS = '"Noto Sans CJK SC", "Source Han Sans SC", "SimHei", "Heiti SC", sans-serif';
const m = PRINT_PAGE_MARGINS;

export const BASE_PRINT_CSS = `
@page { size: A4; margin: ${m.top} ${m.right} ${m.bottom} ${m.left}; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; font-family: ${SERIF_FONTS}; font-size: 12pt; line-height: 1.6; color: #000; background: #fff; }
h1, h2, h3, h4, th, .sb-title, .sb-heading { font-family: ${SANS_FONTS}; font-weight: 700; }
h1, .sb-title { font-size: 22pt; text-align: center; margin: 0 0 8mm; letter-spacing: 1pt; }
h2 { font-size: 16pt; margin: 6mm 0 3mm; }
h3 { font-size: 14pt; margin: 4mm 0 2mm; }
h1, h2, h3, h4 { break-after: avoid; }
p { margin: 0 0 2mm; text-align: justify; }

/* Form tables: every cell bordered, labels centred, long words and numbers may break. */
table { width: 100%; border-collapse: collapse; table-layout: fixed; margin: 0 0 4mm; }
th, td { border: 0.75pt solid #000; padding: 1.5mm 2mm; vertical-align: middle; overflow-wrap: anywhere; word-break: break-word; }
th { font-size: 11pt; font-weight: 700; text-align: center; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
td.sb-label, th.sb-label { text-align: center; font-family: ${SANS_FONTS}; font-weight: 400; white-space: nowrap; }
td.sb-number, .sb-number { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.sb-index { text-align: center; width: 10mm; }
.sb-long { white-space: pre-wrap; text-align: left; vertical-align: top; }
.sb-center { text-align: center; }
.sb-right { text-align: right; }
.sb-nowrap { white-space: nowrap; }
.sb-muted { color: #555; }
.sb-signature { margin-top: 10mm; text-align: right; line-height: 2.2; }
.sb-cover { text-align: center; padding-top: 40mm; }
.sb-cover .sb-title { font-size: 26pt; margin-bottom: 30mm; }
.sb-cover-fields { margin: 0 auto; width: 75%; text-align: left; font-size: 15pt; line-height: 2.6; }
.sb-page-break { break-after: page; height: 0; }

/* The version watermark: a fixed element repeats on every printed page; it sits above the content
   so no table background can hide it. Its image (set inline by renderPrintHtml, see watermark.ts)
   is one vector SVG larger than an A4 page with copies of the version code drawn as strokes, not
   text, so it never mixes into the text a reader copies out of the PDF. Not a small repeated tile:
   Chromium rasterises a repeated SVG background into a bitmap on every page, which cost as much
   CPU as the rest of the book; an image that covers the page is drawn once and stays vector
   (it repeats only on pages larger than A4). */
.sb-watermark { position: fixed !important; inset: 0 !important; display: block !important; visibility: visible !important;
  opacity: 1 !important; pointer-events: none; z-index: 2147483647 !important; background-repeat: repeat !important;
  background-size: ${WATERMARK_TILE_MM.width}mm ${WATERMARK_TILE_MM.height}mm !important; background-position: 0 0 !important; }
`;

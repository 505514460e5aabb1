/**
 * The page count of a PDF Chromium wrote: the largest `/Count` of a `/Type /Pages` node (the root of the page tree).
 * Chromium (Skia) writes the page tree uncompressed, so reading the bytes is enough; returns null when not found.
 */
export function pdfPageCount(pdf: Buffer): number | null {
  const text = pdf.toString('latin1');
  let best: number | null = null;
  for (const match of text.matchAll(/<<(?:(?!>>)[\s\S])*?\/Type\s*\/Pages\b(?:(?!>>)[\s\S])*?>>/g)) {
    const count = /\/Count\s+(\d+)/.exec(match[0]);
    if (count) best = Math.max(best ?? 0, Number(count[1]));
  }
  return best;
}

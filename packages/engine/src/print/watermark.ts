/**
 * The version watermark: the version code, light grey, turned 30°, repeated over every printed page.
 *
 * It is one SVG image holding a grid of copies, larger than an A4 page, drawn once per page by a
 * fixed element (see BASE_PRINT_CSS). The letters are stroked paths from a small built-in stroke font, not text:
 *  - no font is involved, so the watermark never mixes into the text a reader copies out of the PDF;
 *  - it stays vector in the PDF. The earlier watermark, a small SVG tile repeated as a CSS background
 *    with <text>, made Chromium's PDF backend rasterise every page's watermark into a 72 dpi bitmap
 *    and compress it — about as much CPU as laying out and printing the whole book (bench/README.md).
 */
import { VERSION_CODE_ALPHABET } from './version-code.ts';

/**
 * Glyphs on a 4 × 6 grid (x right, y down, the baseline at 6), as SVG path data to be stroked.
 * Covers the version code alphabet, the hyphen, and the symbols the alphabet leaves out (0 1 I L O U)
 * so a code from elsewhere still prints; anything else leaves a gap.
 */
export const WATERMARK_GLYPHS: Readonly<Record<string, string>> = {
  '0': 'M2 0C.8 0 0 1.3 0 3s.8 3 2 3 2-1.3 2-3-.8-3-2-3Z',
  '1': 'M.9 1.2 2.3 0v6M.9 6h2.8',
  '2': 'M0 1.4C0 .5.9 0 2 0s2 .5 2 1.5C4 3 0 4.4 0 6h4',
  '3': 'M0 0h4L1.9 2.5C3.4 2.4 4 3.3 4 4.2 4 5.3 3.1 6 2 6 1.1 6 .4 5.6 0 5',
  '4': 'M3 6V0L0 4.2h4',
  '5': 'M3.8 0H.4L0 2.8C.6 2.4 1.2 2.2 2 2.2c1.2 0 2 .8 2 1.9S3.1 6 1.9 6C1.1 6 .4 5.7 0 5.2',
  '6': 'M3.5.3C3.1.1 2.6 0 2.2 0 .8 0 0 1.5 0 3.8 0 5.1.8 6 2 6s2-.8 2-1.9-.8-1.9-2-1.9c-.9 0-1.6.4-2 1.1',
  '7': 'M0 0h4L1.5 6',
  '8': 'M2 3C.7 3 .3 2.3.3 1.5S.9 0 2 0s1.7.7 1.7 1.5S3.3 3 2 3Zm0 0C.7 3 0 3.7 0 4.5S.7 6 2 6s2-.7 2-1.5S3.3 3 2 3Z',
  '9': 'M.5 5.7c.4.2.9.3 1.3.3C3.2 6 4 4.5 4 2.2 4 .9 3.2 0 2 0S0 .8 0 1.9s.8 1.9 2 1.9c.9 0 1.6-.4 2-1.1',
  A: 'M0 6 2 0l2 6M.7 4h2.6',
  B: 'M0 3h2.4C3.4 3 4 3.7 4 4.5S3.4 6 2.4 6H0V0h2.2c.9 0 1.5.6 1.5 1.5S3.1 3 2.2 3',
  C: 'M4 1C3.5.3 2.8 0 2.1 0 .8 0 0 1.3 0 3s.8 3 2.1 3c.7 0 1.4-.3 1.9-1',
  D: 'M0 0v6h1.7C3.2 6 4 4.7 4 3S3.2 0 1.7 0Z',
  E: 'M4 0H0v6h4M0 3h3',
  F: 'M4 0H0v6M0 3h3',
  G: 'M4 1C3.5.3 2.8 0 2.1 0 .8 0 0 1.3 0 3s.8 3 2.1 3C3.3 6 4 5.2 4 4v-.8H2.3',
  H: 'M0 0v6M4 0v6M0 3h4',
  I: 'M1 0h2M2 0v6M1 6h2',
  J: 'M4 0v4.2C4 5.3 3.2 6 2 6 1 6 .3 5.5 0 4.6',
  K: 'M0 0v6M4 0 0 4M1.4 2.6 4 6',
  L: 'M0 0v6h4',
  M: 'M0 6V0l2 4 2-4v6',
  N: 'M0 6V0l4 6V0',
  O: 'M2 0C.8 0 0 1.3 0 3s.8 3 2 3 2-1.3 2-3-.8-3-2-3Z',
  P: 'M0 6V0h2.3C3.4 0 4 .7 4 1.6s-.6 1.6-1.7 1.6H0',
  Q: 'M2 0C.8 0 0 1.3 0 3s.8 3 2 3 2-1.3 2-3-.8-3-2-3ZM2.5 4.4l1.5 1.8',
  R: 'M0 6V0h2.3C3.4 0 4 .7 4 1.6s-.6 1.6-1.7 1.6H0m2.2 0L4 6',
  S: 'M3.9.9C3.5.3 2.8 0 2 0 .9 0 .1.6.1 1.5c0 2 3.9 1 3.9 3C4 5.4 3.1 6 2 6 1.1 6 .4 5.7 0 5.1',
  T: 'M0 0h4M2 0v6',
  U: 'M0 0v4c0 1.3.8 2 2 2s2-.7 2-2V0',
  V: 'm0 0 2 6 2-6',
  W: 'm0 0 1 6 1-4 1 4 1-6',
  X: 'm0 0 4 6M4 0 0 6',
  Y: 'm0 0 2 3 2-3M2 3v3',
  Z: 'M0 0h4L0 6h4',
  '-': 'M.8 3.2h2.4',
};

for (const symbol of VERSION_CODE_ALPHABET) {
  if (!(symbol in WATERMARK_GLYPHS)) throw new Error(`watermark: no glyph for ${symbol}`);
}

/** Distance between copies: 70 mm across, 48 mm down, every other row shifted by half. */
const STEP_X = 70;
const STEP_Y = 48;
/** Letter height in mm (as the earlier text watermark: 26 px type in a 70 mm tile). */
const CAP_HEIGHT = 4.8;
const ADVANCE = 6.2; // grid units per letter: 4 wide + 2.2 spacing

/**
 * The size of the watermark image in mm: larger than any A4 page either way round, so on A4 it is
 * drawn once per page and stays vector. It is a whole number of steps (an even number of rows), so
 * on a larger page the repeated image continues the pattern without a seam — there Chromium
 * rasterises the repeats, slower but still correct.
 */
export const WATERMARK_TILE_MM = { width: 5 * STEP_X, height: 8 * STEP_Y } as const;

/** One line of `text` as glyph paths, centred on (0, 0), in grid units. */
function lineMarkup(text: string): string {
  const letters = [...text.toUpperCase()];
  const width = letters.length * ADVANCE - (ADVANCE - 4);
  return letters
    .map((letter, i) => {
      const glyph = WATERMARK_GLYPHS[letter];
      return glyph === undefined ? '' : `<path transform="translate(${round(i * ADVANCE - width / 2)} -3)" d="${glyph}"/>`;
    })
    .join('');
}

/**
 * The watermark image as a data: URL: copies of `version` in a grid over WATERMARK_TILE_MM (user
 * units are millimetres). Copies that cross an edge are drawn on both sides so tiles join up.
 */
export function watermarkImage(version: string): string {
  const scale = CAP_HEIGHT / 6;
  const { width, height } = WATERMARK_TILE_MM;
  const copies: string[] = [];
  for (let row = -1; row <= height / STEP_Y; row += 1) {
    for (let col = -1; col <= width / STEP_X; col += 1) {
      const x = col * STEP_X + STEP_X / 2 - (Math.abs(row) % 2) * (STEP_X / 2);
      const y = row * STEP_Y + STEP_Y / 2;
      copies.push(`<use href="#v" transform="translate(${round(x)} ${round(y)})"/>`);
    }
  }
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}mm" height="${height}mm" viewBox="0 0 ${width} ${height}">` +
    `<defs><g id="v" transform="rotate(-30) scale(${round(scale)})">${lineMarkup(version)}</g></defs>` +
    `<g fill="none" stroke="#000" stroke-opacity="0.09" stroke-width="${round(0.9 / scale)}" stroke-linecap="round" stroke-linejoin="round">` +
    `${copies.join('')}</g></svg>`;
  return `data:image/svg+xml,${encodeURIComponent(svg)}`;
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}

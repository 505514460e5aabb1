/**
 * Finds the system Chromium (Debian's `chromium` package, or a distribution's `chromium-browser`).
 * puppeteer-core never downloads a browser; the server uses the one the machine has.
 */
import { accessSync, constants } from 'node:fs';
import { PdfRenderError } from './pdf-errors.ts';

/** Where distributions put Chromium, tried in order. */
export const CHROMIUM_CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/lib/chromium/chromium',
  '/usr/bin/chromium-browser',
  '/usr/lib/chromium-browser/chromium-browser',
  '/snap/bin/chromium',
] as const;

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * The Chromium executable to launch: `configured` (CHROMIUM_PATH, passed in by the config module)
 * when given — it must exist — otherwise the first candidate that does.
 */
export function findChromium(configured?: string, exists: (path: string) => boolean = isExecutable): string {
  if (configured !== undefined && configured !== '') {
    if (exists(configured)) return configured;
    throw new PdfRenderError('SB_ERR_PDF_NO_CHROMIUM', `CHROMIUM_PATH=${configured} is not an executable file`);
  }
  const found = CHROMIUM_CANDIDATES.find((candidate) => exists(candidate));
  if (found) return found;
  throw new PdfRenderError('SB_ERR_PDF_NO_CHROMIUM', `none of ${CHROMIUM_CANDIDATES.join(', ')}; install chromium or set CHROMIUM_PATH`);
}

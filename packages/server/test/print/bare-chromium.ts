/**
 * The benchmark's baseline: Chromium as puppeteer-core gives it, with nothing of ours — one
 * page, setContent, page.pdf(), the same PDF options as ours (A4, backgrounds, untagged), so the
 * ratio measures our pool, footer and request blocking, not a different kind of PDF. Lives here
 * (not in bench/) because puppeteer-core is a dependency of the server package.
 */
import puppeteer from 'puppeteer-core';
import { CHROMIUM_ARGS, findChromium } from '../../src/print/index.ts';

export interface BareChromium {
  pdf(html: string): Promise<Uint8Array>;
  close(): Promise<void>;
}

export async function openBareChromium(): Promise<BareChromium> {
  const browser = await puppeteer.launch({ executablePath: findChromium(), headless: true, pipe: true, args: [...CHROMIUM_ARGS] });
  const page = await browser.newPage();
  return {
    async pdf(html) {
      await page.setContent(html, { waitUntil: 'load' });
      return page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true, tagged: false });
    },
    close: () => browser.close(),
  };
}

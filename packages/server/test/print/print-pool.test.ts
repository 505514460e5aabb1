import { afterEach, describe, expect, it } from 'vitest';
import { findChromium, PdfRenderer, PdfRenderError, buildFooterTemplate } from '../../src/print/index.ts';
import { pdfPages } from './pdf-text.ts';

const page = (n: number) => `<!DOCTYPE html><html><head><meta charset="utf-8"></head><body><p>第${n}份文件</p></body></html>`;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function waitFor(condition: () => boolean, ms = 5000): Promise<void> {
  const until = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('the Chromium pool', () => {
  let renderer: PdfRenderer | undefined;
  afterEach(async () => {
    await renderer?.close();
    renderer = undefined;
  });

  it('recycles a page after its allowed number of uses', async () => {
    renderer = new PdfRenderer({ concurrency: 1, maxUsesPerPage: 2 });
    for (let i = 1; i <= 5; i += 1) {
      const text = (await pdfPages(await renderer.render(page(i), { version: 'K7M4-XQ2P' }))).join('');
      expect(text).toContain(`第${i}份文件`);
    }
    const stats = renderer.stats();
    expect(stats.rendered).toBe(5);
    expect(stats.pagesRecycled).toBe(2); // after renders 2 and 4
    expect(stats.pagesOpened).toBe(3);
    expect(stats.browsersLaunched).toBe(1);
  });

  it('replaces a browser that was killed between renders', async () => {
    renderer = new PdfRenderer({ concurrency: 1 });
    await renderer.render(page(1), { version: 'K7M4-XQ2P' });
    const [pid] = renderer.stats().browserPids;
    expect(pid).toBeDefined();
    process.kill(pid as number, 'SIGKILL');
    await waitFor(() => renderer?.stats().browsersLost === 1);

    const text = (await pdfPages(await renderer.render(page(2), { version: 'K7M4-XQ2P' }))).join('');
    expect(text).toContain('第2份文件');
    const stats = renderer.stats();
    expect(stats.browsersLaunched).toBe(2);
    expect(stats.browserPids).toHaveLength(1);
    expect(stats.browserPids[0]).not.toBe(pid);
  });

  it('finishes a render whose browser is killed while it runs', async () => {
    renderer = new PdfRenderer({ concurrency: 1 });
    await renderer.warmUp();
    const [pid] = renderer.stats().browserPids;
    const big = `<html><body>${'<p>很长的文件内容，用来让渲染多花一点时间。</p>'.repeat(4000)}</body></html>`;
    const pending = renderer.render(big, { version: 'K7M4-XQ2P' });
    setTimeout(() => process.kill(pid as number, 'SIGKILL'), 50);
    const pdf = await pending;
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(renderer.stats().browsersLaunched).toBe(2);
  });

  it('never runs more renders at once than its concurrency, and queues the rest', async () => {
    renderer = new PdfRenderer({ concurrency: 2, pagesPerBrowser: 1 });
    let maxRunning = 0;
    let maxQueued = 0;
    const sample = setInterval(() => {
      const stats = renderer?.stats();
      if (!stats) return;
      maxRunning = Math.max(maxRunning, stats.running);
      maxQueued = Math.max(maxQueued, stats.queued);
    }, 5);
    const pdfs = await Promise.all(Array.from({ length: 6 }, (_, i) => renderer!.render(page(i), { version: 'K7M4-XQ2P' })));
    clearInterval(sample);
    expect(pdfs).toHaveLength(6);
    expect(maxRunning).toBeLessThanOrEqual(2);
    expect(maxRunning).toBeGreaterThanOrEqual(1);
    expect(maxQueued).toBeGreaterThanOrEqual(1);
    expect(renderer.stats().browsersLaunched).toBe(2);
  });

  it('shares one browser between pages when asked to, and renders on both at once', async () => {
    renderer = new PdfRenderer({ concurrency: 2, pagesPerBrowser: 2 });
    const texts = await Promise.all([1, 2].map(async (n) => (await pdfPages(await renderer!.render(page(n), { version: 'K7M4-XQ2P' }))).join('')));
    expect(texts[0]).toContain('第1份文件');
    expect(texts[1]).toContain('第2份文件');
    expect(renderer.stats()).toMatchObject({ browsersLaunched: 1, pagesOpened: 2, rendered: 2 });
  });

  it('closes gracefully: accepted renders finish, later ones are refused, browsers exit', async () => {
    renderer = new PdfRenderer({ concurrency: 1 });
    await renderer.warmUp();
    const [pid] = renderer.stats().browserPids;
    const inFlight = [renderer.render(page(1), { version: 'K7M4-XQ2P' }), renderer.render(page(2), { version: 'K7M4-XQ2P' })];
    const closed = renderer.close();
    await expect(renderer.render(page(3), { version: 'K7M4-XQ2P' })).rejects.toMatchObject({ code: 'SB_ERR_PDF_CLOSED' });
    const results = await Promise.all(inFlight);
    expect(results.every((pdf) => pdf.subarray(0, 5).toString('latin1') === '%PDF-')).toBe(true);
    await closed;
    await waitFor(() => !alive(pid as number));
    expect(renderer.stats().browserPids).toEqual([]);
    expect(renderer.stats().browsersLost).toBe(0);
  });
});

describe('finding Chromium', () => {
  it('uses the configured path when it exists and refuses it when it does not', () => {
    expect(findChromium('/opt/chrome', (p) => p === '/opt/chrome')).toBe('/opt/chrome');
    expect(() => findChromium('/opt/missing', () => false)).toThrow(PdfRenderError);
  });

  it('tries the usual places in order', () => {
    expect(findChromium(undefined, (p) => p === '/usr/lib/chromium/chromium' || p === '/usr/bin/chromium-browser')).toBe('/usr/lib/chromium/chromium');
    try {
      findChromium(undefined, () => false);
      expect.unreachable();
    } catch (error) {
      expect((error as PdfRenderError).code).toBe('SB_ERR_PDF_NO_CHROMIUM');
      expect((error as PdfRenderError).zh).toContain('Chromium');
    }
  });
});

describe('the footer', () => {
  it('escapes its text and names the page counters Chromium fills in', () => {
    const footer = buildFooterTemplate({ version: 'K7M4-XQ2P', footerText: '<b>甲</b>' });
    expect(footer).toContain('&#60;b&#62;甲&#60;/b&#62;');
    expect(footer).toContain('<span class="pageNumber"></span>');
    expect(footer).toContain('<span class="totalPages"></span>');
    expect(footer).toMatch(/font-size:\s*8pt/);
    expect(footer).toContain('Noto Sans CJK SC');
  });
});

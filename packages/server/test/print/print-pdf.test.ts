import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generatePrint, PdfRenderer, verificationUrl, type GeneratedPrint } from '../../src/print/index.ts';
import { pdfInfo, pdfPages } from './pdf-text.ts';
import { sampleBookInput, sampleBookTemplate } from './sample-book.ts';

describe('a printed application book', () => {
  let renderer: PdfRenderer;
  let book: GeneratedPrint;
  let pages: string[];

  beforeAll(async () => {
    renderer = new PdfRenderer({ concurrency: 1 });
    book = await generatePrint(renderer, sampleBookTemplate(), sampleBookInput(), {
      publicUrl: 'https://shenbao.example.cn/',
      footerText: '泉城创客之家',
    });
    pages = await pdfPages(book.pdf);
  });
  afterAll(() => renderer.close());

  it('is an A4 PDF of plausible length', async () => {
    expect(book.pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const info = await pdfInfo(book.pdf);
    expect(info['Page size']).toMatch(/\(A4\)/);
    expect(Number(info.Pages)).toBe(pages.length);
    expect(pages.length).toBeGreaterThanOrEqual(15);
    expect(pages.length).toBeLessThanOrEqual(30);
    expect(info.Title).toBe(`示例申报书 · 示例项目申报 · ${book.version}`);
  });

  it('holds the Chinese fields, formatted by the helpers', () => {
    const text = pages.join('\n');
    for (const expected of ['示例申报书', '山东示例科技发展有限公司', '泉城创客之家', '☑ 企业', '☐ 高校', '1,234.50', '2020年10月19日', '第120号创业团队']) {
      expect(text).toContain(expected);
    }
  });

  it('prints the version code and "page N of M" on every page, in the footer', () => {
    // pdftotext's word spacing varies with the page's fonts: compare without whitespace.
    pages.forEach((page, i) => {
      const compact = page.replace(/\s+/g, '');
      expect(compact).toContain(`版本号${book.version}`);
      expect(compact).toContain(`第${i + 1}页/共${pages.length}页`);
      expect(compact).toContain('泉城创客之家');
    });
  });

  it('keeps the watermark out of the text a reader copies', () => {
    // The version appears once per page (the footer), not scattered by the watermark.
    const copies = pages.join('\n').split(book.version).length - 1;
    expect(copies).toBe(pages.length);
  });

  it('reports the hashes the store keeps', () => {
    expect(book.pdfHash).toBe(createHash('sha256').update(book.pdf).digest('hex'));
    expect(book.dataHash).toMatch(/^[0-9a-f]{64}$/);
    expect(book.data.version).toBe(book.version);
    expect(verificationUrl('https://shenbao.example.cn/', book.version)).toBe(`https://shenbao.example.cn/verify/${book.version}`);
  });

  it('draws a new version for every generation', async () => {
    const again = await generatePrint(renderer, sampleBookTemplate(), sampleBookInput(0.1), { publicUrl: 'https://x.cn' });
    expect(again.version).not.toBe(book.version);
    const againPages = await pdfPages(again.pdf);
    for (const page of againPages) expect(page.replace(/\s+/g, '')).toContain(`版本号${again.version}`);
  });
});

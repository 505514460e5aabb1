import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { compilePrintTemplate, renderPrintHtml } from '@shenbao/engine';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { PdfRenderer } from '../../src/print/index.ts';
import { pdfInfo, pdfPages } from './pdf-text.ts';

const SECRET = 'LEAKED-SECRET-7Q';

/** Everything a hostile template or stylesheet could try in order to fetch or run something. */
function hostileMarkup(base: string): string {
  return `
<link rel="stylesheet" href="${base}/link.css">
<style>@import url("${base}/import.css"); @font-face { font-family: x; src: url("${base}/font.woff"); }
  .bg { background: url("${base}/css-bg.png"); font-family: x; }</style>
<meta http-equiv="refresh" content="0;url=${base}/refresh">
<img src="file:///etc/passwd"><img src="${base}/img.png">
<iframe src="file:///etc/passwd"></iframe><iframe src="${base}/frame.html"></iframe>
<object data="${base}/object.html"></object><embed src="${base}/embed.html">
<video poster="${base}/poster.png"></video>
<script src="${base}/script.js"></script>
<script>document.title = 'SCRIPT-TITLE'; document.write('SCRIPT-RAN');</script>
<div class="bg">正文内容</div>`;
}

describe('the PDF renderer fetches and runs nothing', () => {
  let server: Server;
  let base: string;
  let hits: string[] = [];
  let renderer: PdfRenderer;

  beforeAll(async () => {
    server = createServer((request, response) => {
      hits.push(request.url ?? '');
      response.setHeader('content-type', 'text/html');
      response.end(`<p>${SECRET}</p>`);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    renderer = new PdfRenderer({ concurrency: 1 });
  });
  beforeEach(() => {
    hits = [];
  });
  afterAll(async () => {
    await renderer.close();
    await new Promise((resolve) => server.close(resolve));
  });

  it('the test server really answers (so zero hits below means something)', async () => {
    const response = await fetch(`${base}/probe`);
    expect(await response.text()).toContain(SECRET);
    expect(hits).toEqual(['/probe']);
  });

  it('refuses every request of raw hostile HTML — interception alone, no CSP', async () => {
    const html = `<!DOCTYPE html><html><head><meta charset="utf-8"><title>原始标题</title></head><body>${hostileMarkup(base)}</body></html>`;
    const blockedBefore = renderer.stats().blockedRequests;
    const pdf = await renderer.render(html, { version: 'K7M4-XQ2P' });
    const text = (await pdfPages(pdf)).join('\n');
    expect(hits).toEqual([]);
    expect(renderer.stats().blockedRequests - blockedBefore).toBeGreaterThanOrEqual(5);
    expect(text).toContain('正文内容');
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain('root:x:0');
    expect(text).not.toContain('SCRIPT-RAN');
    expect((await pdfInfo(pdf)).Title).toBe('原始标题');
  });

  it('renders a hostile template from the engine (CSP and interception) without a fetch or a script', async () => {
    const template = compilePrintTemplate(`${hostileMarkup(base)}<p>{{data.basic.name}}</p>`, `.x { background: url("${base}/programme.css.png"); }`);
    const html = renderPrintHtml(template, {
      programme: { id: 'p', version: '1', title: '安全测试' },
      application: {},
      data: { basic: { name: `<img src="${base}/user-value.png"><script>document.title='USER'</script>` } },
      version: 'K7M4-XQ2P',
      printedAt: '2020-10-20T00:00:00Z',
    });
    const pdf = await renderer.render(html, { version: 'K7M4-XQ2P' });
    const text = (await pdfPages(pdf)).join('\n');
    expect(hits).toEqual([]);
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain('SCRIPT-RAN');
    // The user value is printed as the text it is.
    expect(text.replace(/\s+/g, '')).toContain(`<imgsrc="${base}/user-value.png"><script>document.title='USER'</script>`);
    expect((await pdfInfo(pdf)).Title).toBe('安全测试 · K7M4-XQ2P');
  });

  it('lets data: images through (the QR code and inline pictures)', async () => {
    const pixel = 'data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7';
    const blockedBefore = renderer.stats().blockedRequests;
    await renderer.render(`<html><body><img src="${pixel}">图</body></html>`, { version: 'K7M4-XQ2P', qrDataUrl: pixel });
    expect(renderer.stats().blockedRequests).toBe(blockedBefore);
  });

  it('refuses a footer QR code that is not a data: image', async () => {
    await expect(renderer.render('<p>x</p>', { version: 'K7M4-XQ2P', qrDataUrl: `${base}/qr.png` })).rejects.toMatchObject({
      code: 'SB_ERR_PDF_BAD_OPTIONS',
    });
    expect(hits).toEqual([]);
  });
});

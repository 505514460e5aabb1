import { describe, expect, it } from 'vitest';
import {
  buildPrintData,
  canonicalPrintJson,
  compilePrintTemplate,
  printDataHash,
  PRINT_CONTENT_SECURITY_POLICY,
  renderPrintHtml,
  type PrintInput,
  VERSION_CODE_ALPHABET,
} from '../../src/print/index.ts';
import { WATERMARK_GLYPHS, WATERMARK_TILE_MM, watermarkImage } from '../../src/print/watermark.ts';

const input: PrintInput = {
  programme: { id: 'p', version: '1.0.0', title: { zh: '测试项目', en: 'Test programme' } },
  print: { id: 'book', title: { zh: '申报书', en: 'Application book' } },
  application: { number: 'A-1' },
  data: { basic: { name: '<b>甲单位</b>' } },
  version: 'K7M4-XQ2P',
  printedAt: new Date('2020-10-20T06:05:00Z'),
};

describe('renderPrintHtml', () => {
  const template = compilePrintTemplate('<h1>{{text print.title}}</h1><p>{{data.basic.name}}</p>', '.mine { color: red; } </style><script>x()</script>');
  const html = renderPrintHtml(template, input);

  it('is a complete A4 document in the print language', () => {
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).toContain('<html lang="zh-CN">');
    expect(html).toMatch(/@page \{ size: A4; margin: [^}]+\}/);
    expect(html).toContain('"Noto Serif CJK SC"');
    expect(html).toContain('"Noto Sans CJK SC"');
    expect(html).toContain('<title>申报书 · 测试项目 · K7M4-XQ2P</title>');
    expect(renderPrintHtml(template, { ...input, lang: 'en' })).toContain('<html lang="en">');
  });

  it('forbids every fetch with a content security policy placed before any content', () => {
    expect(PRINT_CONTENT_SECURITY_POLICY).toContain("default-src 'none'");
    expect(PRINT_CONTENT_SECURITY_POLICY).toContain("script-src 'none'");
    const csp = html.indexOf('Content-Security-Policy');
    expect(csp).toBeGreaterThan(0);
    expect(csp).toBeLessThan(html.indexOf('<style>'));
  });

  it('carries the version watermark as a fixed vector image, drawn with strokes and not text', () => {
    const image = /<div class="sb-watermark" aria-hidden="true" style="background-image: url\(&quot;(data:image\/svg\+xml,[^&]+)&quot;\) !important"><\/div>/.exec(html)?.[1];
    expect(image).toBeDefined();
    const svg = decodeURIComponent((image ?? '').slice('data:image/svg+xml,'.length));
    expect(svg).toMatch(/^<svg [^>]*>.*<\/svg>$/);
    expect(svg).toContain('rotate(-30');
    expect(svg).not.toContain('<text');
    expect(svg).not.toContain('K7M4');
    // One path per symbol of the code (the hyphen included), each a glyph of the stroke font.
    const glyphs = [...svg.matchAll(/<path transform="translate\([^)]*\)" d="([^"]+)"\/>/g)].map((match) => match[1]);
    expect(glyphs).toEqual([...'K7M4-XQ2P'].map((symbol) => WATERMARK_GLYPHS[symbol]));
    expect(svg.match(/<use /g)?.length).toBeGreaterThanOrEqual(20);
    expect(html).toMatch(/\.sb-watermark \{ position: fixed !important/);
    // Larger than A4 either way round (so drawn once per page, as vector), repeating on larger pages.
    expect(Math.min(WATERMARK_TILE_MM.width, WATERMARK_TILE_MM.height)).toBeGreaterThanOrEqual(297);
    expect(svg).toContain(`width="${WATERMARK_TILE_MM.width}mm" height="${WATERMARK_TILE_MM.height}mm"`);
    expect(html).toContain('background-repeat: repeat !important');
    expect(html).toContain(`background-size: ${WATERMARK_TILE_MM.width}mm ${WATERMARK_TILE_MM.height}mm !important`);
  });

  it('has a watermark glyph for every symbol a version code can have', () => {
    for (const symbol of `${VERSION_CODE_ALPHABET}-`) expect(WATERMARK_GLYPHS[symbol], symbol).toMatch(/^[Mm][-\d.,\sMmLlHhVvCcSsZz]+$/);
    expect(watermarkImage('AB')).not.toBe(watermarkImage('BA'));
  });

  it('places the programme CSS after the base CSS and keeps it inside its style element', () => {
    expect(html.indexOf('.mine')).toBeGreaterThan(html.indexOf('@page'));
    expect(html).not.toContain('</style><script>');
    expect(html).toContain('<\\/style><script>x()</script>');
    expect(html.match(/<\/style>/g)?.length).toBe(2);
  });

  it('escapes user values in the body', () => {
    expect(html).toContain('<p>&lt;b&gt;甲单位&lt;/b&gt;</p>');
    expect(html).toContain('<h1>申报书</h1>');
  });
});

describe('print data', () => {
  it('normalises the input to plain JSON with defaults', () => {
    const data = buildPrintData({ ...input, data: { basic: { name: 'x', missing: undefined, at: new Date('2020-01-01T00:00:00Z') } } });
    expect(data.printedAt).toBe('2020-10-20T06:05:00.000Z');
    expect(data.lang).toBe('zh');
    expect(data.computed).toEqual({});
    expect(data.task).toBeNull();
    expect(data.data).toEqual({ basic: { name: 'x', at: '2020-01-01T00:00:00.000Z' } });
    expect(buildPrintData(data)).toEqual(data); // building again changes nothing
  });

  it('refuses a malformed version or time', () => {
    expect(() => buildPrintData({ ...input, version: 'k7m4-xq2p' })).toThrow(TypeError);
    expect(() => buildPrintData({ ...input, printedAt: 'yesterday' })).toThrow(TypeError);
  });

  it('hashes equal data equally whatever the key order, and different data differently', () => {
    const a = buildPrintData({ ...input, data: { basic: { a: 1, b: [1, { y: 2, x: 1 }] } } });
    const b = buildPrintData({ ...input, data: { basic: { b: [1, { x: 1, y: 2 }], a: 1 } } });
    const c = buildPrintData({ ...input, data: { basic: { a: 2, b: [1, { x: 1, y: 2 }] } } });
    expect(canonicalPrintJson(a)).toBe(canonicalPrintJson(b));
    expect(printDataHash(a)).toBe(printDataHash(b));
    expect(printDataHash(a)).not.toBe(printDataHash(c));
    expect(printDataHash(a)).toMatch(/^[0-9a-f]{64}$/);
  });
});

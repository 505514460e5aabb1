/**
 * Every print of every programme folder in the repository, rendered with the folder's complete
 * fixture through the whole pipeline: the templates must compile under our strict rules, and
 * every page of every PDF must carry its version code.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { compilePrintTemplate, type PrintProgramme } from '@shenbao/engine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generatePrint, PdfRenderer } from '../../src/print/index.ts';
import { pdfPages } from './pdf-text.ts';

const programmesDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../programmes');

interface PrintCase {
  name: string;
  folder: string;
  programme: PrintProgramme & { prints?: Array<{ id: string; title: string | { zh: string; en?: string }; template: string; css?: string }> };
  print: { id: string; title: string | { zh: string; en?: string }; template: string; css?: string };
  fixture: { data: Record<string, unknown> };
}

function printCases(): PrintCase[] {
  if (!existsSync(programmesDir)) return [];
  const cases: PrintCase[] = [];
  for (const id of readdirSync(programmesDir).sort()) {
    const folder = path.join(programmesDir, id);
    const manifest = path.join(folder, 'programme.json');
    const fixtureFile = path.join(folder, 'fixtures', 'complete.json');
    if (!existsSync(manifest) || !existsSync(fixtureFile)) continue;
    const programme = JSON.parse(readFileSync(manifest, 'utf8')) as PrintCase['programme'];
    const fixture = JSON.parse(readFileSync(fixtureFile, 'utf8')) as PrintCase['fixture'];
    for (const print of programme.prints ?? []) cases.push({ name: `${id} / ${print.id}`, folder, programme, print, fixture });
  }
  return cases;
}

const cases = printCases();

function valueAt(root: unknown, dotted: string): unknown {
  let value = root;
  for (const key of dotted.split('.')) value = value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
  return value;
}

describe.skipIf(cases.length === 0)('the programmes’ own prints', () => {
  let renderer: PdfRenderer;
  beforeAll(() => {
    renderer = new PdfRenderer({ concurrency: 2 });
  });
  afterAll(() => renderer.close());

  it.each(cases.map((c) => [c.name, c] as const))('%s renders with the version on every page', async (_name, c) => {
    const source = readFileSync(path.join(c.folder, c.print.template), 'utf8');
    const css = c.print.css ? readFileSync(path.join(c.folder, c.print.css), 'utf8') : '';
    const template = compilePrintTemplate(source, css, c.print.template);
    const result = await generatePrint(
      renderer,
      template,
      {
        programme: c.programme,
        print: { id: c.print.id, title: c.print.title },
        application: { number: 'TEST-0001', status: 'submitted', submittedAt: '2020-10-19T08:30:00Z' },
        data: c.fixture.data,
        printedAt: '2020-10-20T02:00:00Z',
      },
      { publicUrl: 'https://shenbao.example.cn' },
    );
    const pages = await pdfPages(result.pdf);
    expect(pages.length).toBeGreaterThanOrEqual(1);
    // pdftotext's word spacing varies with the page's fonts: compare without whitespace.
    pages.forEach((page, i) => {
      const compact = page.replace(/\s+/g, '');
      expect(compact).toContain(`版本号${result.version}`);
      expect(compact).toContain(`第${i + 1}页/共${pages.length}页`);
    });
    // The fixture's values for the plain fields the template prints reached the paper (short ones:
    // longer ones wrap inside table cells and pdftotext interleaves them with neighbouring cells).
    const compactText = pages.join('').replace(/\s+/g, '');
    const printed = template.fieldPaths
      .filter((p) => p.startsWith('data.') && !p.includes('[]'))
      .map((p) => valueAt(c.fixture, p))
      .filter((v): v is string => typeof v === 'string' && /[\u4e00-\u9fff]{2,}/.test(v) && v.length <= 12);
    for (const value of printed) expect(compactText).toContain(value.replace(/\s+/g, ''));
  });
});

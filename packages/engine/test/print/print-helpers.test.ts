import { describe, expect, it } from 'vitest';
import { compilePrintTemplate, type PrintInput } from '../../src/print/index.ts';
import { buildPrintData } from '../../src/print/print-data.ts';

const programme = { id: 'test-programme', version: '1.0.0', title: { zh: '测试项目', en: 'Test programme' }, timeZone: 'Asia/Shanghai' };

function render(source: string, data: Record<string, unknown> = {}, extra: Partial<PrintInput> = {}): string {
  const template = compilePrintTemplate(source, '');
  return template.renderBody(
    buildPrintData({ programme, application: {}, data, version: 'K7M4-XQ2P', printedAt: '2020-10-20T06:05:00Z', ...extra }),
  );
}

describe('zhDate', () => {
  it('prints a date-only value as written', () => {
    expect(render('{{zhDate data.d}}', { d: '2020-10-20' })).toBe('2020年10月20日');
    expect(render('{{zhDate data.d}}', { d: '2021-01-05' })).toBe('2021年1月5日');
  });

  it('prints an instant in the programme time zone, with the time on request', () => {
    expect(render('{{zhDate printedAt}}')).toBe('2020年10月20日');
    expect(render('{{zhDate printedAt time=true}}')).toBe('2020年10月20日 14:05');
    // 20:30 UTC is already the next day in Shanghai.
    expect(render('{{zhDate data.t time=true}}', { t: '2020-10-20T20:30:00Z' })).toBe('2020年10月21日 04:30');
  });

  it('honours another programme time zone', () => {
    const out = render('{{zhDate printedAt time=true}}', {}, { programme: { ...programme, timeZone: 'Europe/London' } });
    expect(out).toBe('2020年10月20日 07:05');
  });

  it('takes a local date-time without offset as local', () => {
    expect(render('{{zhDate data.t time=true}}', { t: '2020-10-20T23:59:59' })).toBe('2020年10月20日 23:59');
  });

  it('prints nothing for empty and the raw text for nonsense', () => {
    expect(render('[{{zhDate data.missing}}]')).toBe('[]');
    expect(render('{{zhDate data.d}}', { d: 'next week' })).toBe('next week');
  });
});

describe('amount', () => {
  it('groups thousands and keeps two decimals', () => {
    expect(render('{{amount data.a}}', { a: 1234567.5 })).toBe('1,234,567.50');
    expect(render('{{amount data.a}}', { a: '1234' })).toBe('1,234.00');
    expect(render('{{amount data.a}}', { a: -0.5 })).toBe('-0.50');
  });

  it('takes digits and a unit', () => {
    expect(render('{{amount data.a digits=0 unit="万元"}}', { a: 1500.4 })).toBe('1,500万元');
  });

  it('prints nothing for a missing or non-numeric value', () => {
    expect(render('[{{amount data.a}}]', {})).toBe('[]');
    expect(render('[{{amount data.a}}]', { a: 'abc' })).toBe('[]');
  });
});

describe('check, eq, default, text, index1, sum, pageBreak', () => {
  it('ticks the box of the chosen option, of each chosen option, or of a true flag', () => {
    expect(render('{{check data.k "高校"}}高校 {{check data.k "其他"}}其他', { k: '高校' })).toBe('☑高校 ☐其他');
    expect(render('{{check data.k "a"}}{{check data.k "b"}}{{check data.k "c"}}', { k: ['a', 'c'] })).toBe('☑☐☑');
    expect(render('{{check data.f}}{{check data.g}}', { f: true, g: 'yes' })).toBe('☑☐');
  });

  it('compares strictly in conditions', () => {
    expect(render('{{#if (eq data.s "是")}}Y{{else}}N{{/if}}', { s: '是' })).toBe('Y');
    expect(render('{{#if (eq data.n 1)}}Y{{else}}N{{/if}}', { n: '1' })).toBe('N');
  });

  it('puts a dash (or the given mark) for empty values only', () => {
    expect(render('{{default data.a}}|{{default data.b}}|{{default data.c "无"}}|{{default data.d}}', { b: '', c: [], d: 0 })).toBe('—|—|无|0');
  });

  it('prints programme texts in the current language, falling back to Chinese', () => {
    expect(render('{{text programme.title}}')).toBe('测试项目');
    expect(render('{{text programme.title}}', {}, { lang: 'en' })).toBe('Test programme');
    expect(render('{{text data.t}}', { t: { zh: '仅中文' } }, { lang: 'en' })).toBe('仅中文');
  });

  it('numbers rows from 1 and sums a column', () => {
    const rows = [{ area: 0.1 }, { area: '0.2' }, { area: null }, { area: 100 }];
    expect(render('{{#each data.rows}}{{index1 @index}},{{/each}}', { rows })).toBe('1,2,3,4,');
    expect(render('{{sum data.rows "area"}}', { rows })).toBe('100.3');
  });

  it('breaks the page with an element the base stylesheet knows', () => {
    expect(render('a{{pageBreak}}b')).toBe('a<div class="sb-page-break"></div>b');
  });
});

describe('escaping', () => {
  it('escapes every user value, also inside helpers', () => {
    const hostile = '<script>alert(1)</script><img src="file:///etc/passwd">';
    const out = render('<td title="{{data.x}}">{{data.x}}</td>{{default data.x}}{{text data.x}}', { x: hostile });
    expect(out).not.toContain('<script>');
    expect(out).not.toContain('<img');
    expect(out).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(out).toContain('&quot;file:///etc/passwd&quot;');
  });

  it('escapes the unit passed to amount and the mark passed to default', () => {
    expect(render('{{amount data.a unit=data.u}}', { a: 1, u: '<b>' })).toBe('1.00&lt;b&gt;');
  });
});

import Handlebars from 'handlebars';
import { describe, expect, it } from 'vitest';
import { checkPrintTemplate, compilePrintTemplate, PrintTemplateError } from '../../src/print/index.ts';
import { buildPrintData } from '../../src/print/print-data.ts';

const data = buildPrintData({
  programme: { id: 'p', version: '1.0.0', title: '项目' },
  application: {},
  data: { basic: { name: '甲' } },
  version: 'K7M4-XQ2P',
  printedAt: '2020-10-20T00:00:00Z',
});

function problemCodes(source: string): string[] {
  return checkPrintTemplate(source).map((p) => p.code);
}

describe('template strictness', () => {
  it('accepts a template that only uses the documented helpers', () => {
    const source = '{{#each data.rows as |row i|}}{{index1 i}}{{row.name}}{{#if (eq row.kind "a")}}{{check row.flag}}{{/if}}{{/each}}{{pageBreak}}{{lookup data.basic "name"}}';
    expect(checkPrintTemplate(source)).toEqual([]);
    expect(() => compilePrintTemplate(source, '')).not.toThrow();
  });

  it('rejects an unknown helper, in a mustache, a sub-expression and a block', () => {
    expect(problemCodes('{{upper data.basic.name}}')).toEqual(['SB_CHECK_PRINT_TEMPLATE_UNKNOWN_HELPER']);
    expect(problemCodes('{{default (upper data.basic.name)}}')).toEqual(['SB_CHECK_PRINT_TEMPLATE_UNKNOWN_HELPER']);
    expect(problemCodes('{{#data.basic}}x{{/data.basic}}')).toEqual(['SB_CHECK_PRINT_TEMPLATE_UNKNOWN_HELPER']);
    expect(problemCodes('{{log data}}')).toEqual(['SB_CHECK_PRINT_TEMPLATE_UNKNOWN_HELPER']);
  });

  it('rejects unescaped output, partials and decorators', () => {
    expect(problemCodes('{{{data.basic.name}}}')).toEqual(['SB_CHECK_PRINT_TEMPLATE_UNESCAPED']);
    expect(problemCodes('{{&data.basic.name}}')).toEqual(['SB_CHECK_PRINT_TEMPLATE_UNESCAPED']);
    expect(problemCodes('{{> header}}')).toEqual(['SB_CHECK_PRINT_TEMPLATE_PARTIAL']);
  });

  it('reports a syntax error with its line, in both languages', () => {
    const [problem] = checkPrintTemplate('line one\n{{#if x}}\nunclosed');
    expect(problem?.code).toBe('SB_CHECK_PRINT_TEMPLATE_SYNTAX');
    expect(problem?.message.zh).toContain('打印模板语法错误');
    expect(problem?.message.en).toContain('syntax error');
    expect(problem?.line).toBeGreaterThanOrEqual(2);
  });

  it('reports where an unknown helper is', () => {
    const [problem] = checkPrintTemplate('<p>\n  {{shout data.x}}</p>');
    expect(problem).toMatchObject({ line: 2, column: 2 });
  });

  it('throws a PrintTemplateError carrying the problems and a bilingual message', () => {
    try {
      compilePrintTemplate('{{{a}}}{{nope b}}', '', 'print/book.hbs');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(PrintTemplateError);
      const e = error as PrintTemplateError;
      expect(e.problems).toHaveLength(2);
      expect(e.zh).toContain('print/book.hbs');
      expect(e.en).toContain('2 problem');
    }
  });
});

describe('helper isolation', () => {
  it('ignores helpers registered on the global Handlebars', () => {
    Handlebars.registerHelper('leaky', () => 'LEAK');
    Handlebars.registerHelper('text', () => 'OVERRIDDEN');
    try {
      expect(problemCodes('{{leaky data.x}}')).toEqual(['SB_CHECK_PRINT_TEMPLATE_UNKNOWN_HELPER']);
      expect(compilePrintTemplate('{{text programme.title}}', '').renderBody(data)).toBe('项目');
    } finally {
      Handlebars.unregisterHelper('leaky');
      Handlebars.unregisterHelper('text');
    }
  });

  it('does not let a field named like a missing helper call anything', () => {
    // Without arguments an unknown name is a plain lookup, never a helper.
    expect(compilePrintTemplate('[{{helperMissing}}][{{log}}]', '').renderBody(data)).toBe('[][]');
  });

  it('gives prototypes nothing to reach', () => {
    const out = compilePrintTemplate('[{{data.constructor.name}}][{{lookup data "__proto__"}}]', '').renderBody(data);
    expect(out).toBe('[][]');
  });
});

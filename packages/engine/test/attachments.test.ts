import { describe, expect, it } from 'vitest';
import { attachmentIdsIn, attachmentLimitsAt, parseByteSize } from '../src/index.ts';

const schema = {
  type: 'object',
  properties: {
    licence: { type: 'string', 'x-attachment': { maxSize: '3MB', accept: ['PDF'] } },
    name: { type: 'string' },
    sites: {
      type: 'array',
      items: { $ref: '#/$defs/site' },
    },
  },
  $defs: {
    site: {
      type: 'object',
      properties: { area: { type: 'number' }, proof: { type: 'string', 'x-attachment': { maxSize: '20MB', accept: ['pdf', 'jpeg', '.png'] } } },
    },
  },
};

describe('attachment fields', () => {
  it('parses the sizes the notices write', () => {
    expect(parseByteSize('20MB')).toBe(20 * 1024 * 1024);
    expect(parseByteSize('3 mb')).toBe(3 * 1024 * 1024);
    expect(parseByteSize('1.5KB')).toBe(1536);
    expect(parseByteSize('500K')).toBe(500 * 1024);
    expect(parseByteSize('2 M')).toBe(2 * 1024 * 1024);
    expect(parseByteSize('1048576')).toBe(1048576);
    expect(parseByteSize('0MB')).toBeUndefined();
    expect(parseByteSize('twenty')).toBeUndefined();
  });

  it('finds a field’s limits through tables and $ref', () => {
    expect(attachmentLimitsAt(schema, '/licence')).toEqual({ maxBytes: 3 * 1024 * 1024, accept: ['pdf'], multiple: false });
    expect(attachmentLimitsAt(schema, '/sites/7/proof')).toEqual({ maxBytes: 20 * 1024 * 1024, accept: ['pdf', 'jpg', 'png'], multiple: false });
    expect(attachmentLimitsAt(schema, '/name')).toBeUndefined();
    expect(attachmentLimitsAt(schema, '/sites/0/nothing')).toBeUndefined();
  });

  it('lists every attachment id a form holds, with its place', () => {
    const data = { licence: 'att-1', name: 'att-not-a-file', sites: [{ area: 1, proof: 'att-2' }, { area: 2 }, { proof: 'att-3' }] };
    expect(attachmentIdsIn(schema, data)).toEqual([
      { pointer: '/licence', id: 'att-1' },
      { pointer: '/sites/0/proof', id: 'att-2' },
      { pointer: '/sites/2/proof', id: 'att-3' },
    ]);
  });
});

import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { contentHash, sha256, sha256Bytes } from '../src/index.ts';

describe('sha256', () => {
  it('matches the FIPS 180-4 test vectors', () => {
    expect(sha256('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(sha256('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(sha256('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')).toBe('248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1');
  });

  it('agrees with node:crypto on any input, including padding edge lengths and CJK', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => sha256Bytes(bytes) === createHash('sha256').update(bytes).digest('hex')));
    for (const length of [55, 56, 63, 64, 65, 119, 120]) {
      const text = '申'.repeat(length);
      expect(sha256(text)).toBe(createHash('sha256').update(text, 'utf8').digest('hex'));
    }
  });
});

describe('contentHash', () => {
  const files = { 'programme.json': '{}', 'forms/a.schema.json': '{"type":"object"}', 'flow.bpmn': '<x/>' };

  it('does not depend on the order files are given in', () => {
    const reversed = Object.fromEntries(Object.entries(files).reverse());
    expect(contentHash(reversed)).toBe(contentHash(files));
  });

  it('changes when a byte, a path or the split between files changes', () => {
    const base = contentHash(files);
    expect(contentHash({ ...files, 'flow.bpmn': '<y/>' })).not.toBe(base);
    const renamed = { 'programme.json': '{}', 'forms/b.schema.json': '{"type":"object"}', 'flow.bpmn': '<x/>' };
    expect(contentHash(renamed)).not.toBe(base);
    expect(contentHash({ a: 'xy', b: '' })).not.toBe(contentHash({ a: 'x', b: 'y' }));
  });
});

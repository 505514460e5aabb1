import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { USCC_ALPHABET, diagnoseUscc, isDate, isEmail, isLandline, isMobile, isUscc, usccCheckCharacter } from '../src/index.ts';

const digits = (n: number) => fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: n, maxLength: n });
const usccCharacter = fc.constantFrom(...USCC_ALPHABET);

/** A random valid code: authority, type, 6-digit division, 9-character body, computed check. */
const validUscc = fc
  .tuple(usccCharacter, usccCharacter, digits(6), fc.string({ unit: usccCharacter, minLength: 9, maxLength: 9 }))
  .map(([authority, type, division, body]) => {
    const first17 = authority + type + division + body;
    return first17 + usccCheckCharacter(first17)!;
  });

describe('uscc (统一社会信用代码, GB 32100-2015)', () => {
  it('accepts real, published codes', () => {
    for (const code of ['91350100M000100Y43', '91440300708461136T', '914403001922038216', '91110108551385082Q', '91330100716105852F', '12100000400000624D']) {
      expect(diagnoseUscc(code), code).toBe('ok');
    }
  });

  it('accepts every generated valid code', () => {
    fc.assert(fc.property(validUscc, (code) => isUscc(code)));
  });

  it('rejects any single-character change', () => {
    fc.assert(fc.property(validUscc, fc.nat(17), usccCharacter, (code, position, replacement) => {
      fc.pre(code[position] !== replacement);
      const changed = code.slice(0, position) + replacement + code.slice(position + 1);
      expect(isUscc(changed)).toBe(false);
    }));
  });

  it('rejects swapping two different neighbouring characters', () => {
    fc.assert(fc.property(validUscc, fc.nat(16), (code, position) => {
      fc.pre(code[position] !== code[position + 1]);
      const swapped = code.slice(0, position) + code[position + 1] + code[position] + code.slice(position + 2);
      expect(isUscc(swapped)).toBe(false);
    }));
  });

  it('says what is wrong: length, alphabet, division code, check character', () => {
    expect(diagnoseUscc('91350100M000100Y4')).toBe('length');
    expect(diagnoseUscc('91350100M000100Y4I')).toBe('alphabet');
    expect(diagnoseUscc('91350100m000100Y43')).toBe('alphabet');
    expect(diagnoseUscc('913A0100M000100Y43')).toBe('division');
    expect(diagnoseUscc('91350100M000100Y44')).toBe('check');
  });

  it('rejects codes of any other length', () => {
    fc.assert(fc.property(fc.string({ unit: usccCharacter, maxLength: 30 }).filter((s) => s.length !== 18), (s) => !isUscc(s)));
  });
});

describe('mobile (中国大陆手机号)', () => {
  it('accepts 1[3-9] followed by 9 digits', () => {
    fc.assert(fc.property(fc.constantFrom(...'3456789'), digits(9), (second, rest) => isMobile(`1${second}${rest}`)));
  });
  it('rejects a wrong second digit, wrong length or non-digits', () => {
    fc.assert(fc.property(fc.constantFrom('0', '1', '2'), digits(9), (second, rest) => !isMobile(`1${second}${rest}`)));
    fc.assert(fc.property(digits(10), (s) => !isMobile(s)));
    fc.assert(fc.property(fc.constantFrom(...'3456789'), digits(10), (second, rest) => !isMobile(`1${second}${rest}`)));
    expect(isMobile('1381234567a')).toBe(false);
    expect(isMobile('+8613812345678')).toBe(false);
  });
});

describe('landline (区号-号码[-分机])', () => {
  const areaCode = fc.oneof(digits(2), digits(3)).map((d) => `0${d}`);
  const local = fc.tuple(fc.constantFrom(...'23456789'), fc.oneof(digits(6), digits(7))).map(([a, b]) => a + b);
  it('accepts area code, number and an optional extension', () => {
    fc.assert(fc.property(areaCode, local, fc.option(fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 1, maxLength: 6 })), (area, number, extension) =>
      isLandline(extension === null ? `${area}-${number}` : `${area}-${number}-${extension}`)));
    expect(isLandline('0531-88886666')).toBe(true);
    expect(isLandline('010-12345678')).toBe(false); // local numbers never start with 1
  });
  it('rejects numbers without an area code or with a wrong one', () => {
    fc.assert(fc.property(local, (number) => !isLandline(number)));
    fc.assert(fc.property(fc.constantFrom(...'123456789'), digits(3), local, (first, rest, number) => !isLandline(`${first}${rest}-${number}`)));
  });
});

describe('email', () => {
  it('accepts ordinary addresses and rejects malformed ones', () => {
    for (const ok of ['a@b.cn', 'zhang.san+kx@sdast.org.cn']) expect(isEmail(ok), ok).toBe(true);
    for (const bad of ['a@b', 'a b@c.cn', '@b.cn', 'a@.cn', 'a@b..cn', '']) expect(isEmail(bad), bad).toBe(false);
  });
  it('never accepts a string without exactly one @', () => {
    fc.assert(fc.property(fc.string(), (s) => (s.split('@').length === 2 ? true : !isEmail(s))));
  });
});

describe('date', () => {
  it('accepts exactly the days that exist', () => {
    fc.assert(fc.property(fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true }), (d) =>
      isDate(d.toISOString().slice(0, 10))));
    expect(isDate('2020-02-29')).toBe(true);
    expect(isDate('2021-02-29')).toBe(false);
    expect(isDate('1900-02-29')).toBe(false);
    expect(isDate('2021-04-31')).toBe(false);
    expect(isDate('2021-13-01')).toBe(false);
    expect(isDate('2021-1-1')).toBe(false);
  });
});

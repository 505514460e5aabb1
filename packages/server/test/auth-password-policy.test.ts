import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { checkPasswordPolicy, passwordClassCount } from '../src/auth/password-policy.ts';
import { hashPassword, verifyPassword } from '../src/accounts/password-hashing.ts';

const lower = fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz');
const upper = fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ');
const digit = fc.constantFrom(...'0123456789');
const symbol = fc.constantFrom(...'!@#$%^&*()-_=+[]{};:,.<>/?~，。！');
const classes = [lower, upper, digit, symbol];

/** A password built only from the chosen classes, each used at least once. */
function passwordFrom(chosen: number[], minLength: number, maxLength: number) {
  return fc
    .tuple(
      fc.tuple(...chosen.map((i) => classes[i]!)),
      fc.array(fc.oneof(...chosen.map((i) => classes[i]!)), { minLength: Math.max(0, minLength - chosen.length), maxLength: Math.max(0, maxLength - chosen.length) }),
    )
    .chain(([required, rest]) => fc.shuffledSubarray([...required, ...rest], { minLength: required.length + rest.length }))
    .map((chars) => chars.join(''));
}

const classSubsets = (size: number) => fc.shuffledSubarray([0, 1, 2, 3], { minLength: size, maxLength: size });

describe('password policy', () => {
  it('accepts every password of 8+ characters with at least 3 classes', () => {
    fc.assert(fc.property(fc.integer({ min: 3, max: 4 }).chain((n) => classSubsets(n)).chain((chosen) => passwordFrom(chosen, 8, 40)), (password) => {
      expect(checkPasswordPolicy(password)).toEqual([]);
    }));
  });

  it('refuses every password with fewer than 3 classes, whatever its length, saying so in both languages', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 2 }).chain((n) => classSubsets(n)).chain((chosen) => passwordFrom(chosen, 8, 60)), (password) => {
      const problems = checkPasswordPolicy(password);
      expect(problems).toHaveLength(1);
      expect(problems[0]!.zh).toContain('至少 3 种');
      expect(problems[0]!.en).toContain('at least 3');
    }));
  });

  it('refuses every password shorter than 8 characters, even with all 4 classes', () => {
    fc.assert(fc.property(passwordFrom([0, 1, 2, 3], 4, 7), (password) => {
      expect(checkPasswordPolicy(password).some((p) => p.zh.includes('至少 8 位'))).toBe(true);
    }));
  });

  it('counts classes by what the password holds', () => {
    expect(passwordClassCount('1qaz2wsx')).toBe(2); // the notice's initial password is not good enough to keep
    expect(passwordClassCount('Shenbao@2026')).toBe(4);
    expect(passwordClassCount('申报申报申报申报')).toBe(0);
  });
});

describe('password hashing', () => {
  it('stores argon2id with the chosen cost and verifies only the right password', async () => {
    const stored = await hashPassword('Shenbao@2026');
    expect(stored).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await verifyPassword(stored, 'Shenbao@2026')).toBe(true);
    expect(await verifyPassword(stored, 'shenbao@2026')).toBe(false);
    expect(await verifyPassword('not a hash', 'Shenbao@2026')).toBe(false);
  });
});

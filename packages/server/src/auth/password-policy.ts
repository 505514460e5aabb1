/**
 * The password rule, in one place: at least 8 characters drawn from at least 3 of the 4 classes (lower case, upper
 * case, digits, symbols) — and, for a password a user chooses, not easy to guess (password-strength.ts). Problems
 * come back as data with Chinese and English wording, never as an exception, so the same check serves
 * registration, password change and reviewer import.
 */
import { checkPasswordStrength, type UserFacts } from './password-strength.ts';

export interface Message {
  zh: string;
  en: string;
}

export const passwordMinLength = 8;
/** Long enough for any passphrase, short enough that hashing a hostile input stays cheap. */
export const passwordMaxLength = 128;
export const passwordMinClasses = 3;

const classes: { test: RegExp; zh: string; en: string }[] = [
  { test: /[a-z]/, zh: '小写字母', en: 'lower-case letters' },
  { test: /[A-Z]/, zh: '大写字母', en: 'upper-case letters' },
  { test: /[0-9]/, zh: '数字', en: 'digits' },
  // Anything printable that is not a letter or digit counts as a symbol, including full-width punctuation.
  { test: /[^\p{L}\p{N}\s]/u, zh: '符号', en: 'symbols' },
];

export function passwordClassCount(password: string): number {
  return classes.filter((c) => c.test.test(password)).length;
}

/** Returns the list of broken rules; an empty list means the password is acceptable. */
export function checkPasswordPolicy(password: string): Message[] {
  const problems: Message[] = [];
  const length = [...password].length;
  if (length < passwordMinLength) {
    problems.push({ zh: `密码至少 ${passwordMinLength} 位`, en: `The password must have at least ${passwordMinLength} characters` });
  }
  if (length > passwordMaxLength) {
    problems.push({ zh: `密码最多 ${passwordMaxLength} 位`, en: `The password may have at most ${passwordMaxLength} characters` });
  }
  if (passwordClassCount(password) < passwordMinClasses) {
    problems.push({
      zh: `密码须包含${classes.map((c) => c.zh).join('、')}中的至少 ${passwordMinClasses} 种`,
      en: `The password must mix at least ${passwordMinClasses} of: ${classes.map((c) => c.en).join(', ')}`,
    });
  }
  return problems;
}

/**
 * A password a user chooses (registration, password change): the rule above, then the strength estimate against
 * common passwords and the user's own data. (An administrator's initial password only needs the rule: it must be
 * changed at first login.)
 */
export function checkNewPassword(password: string, facts: UserFacts = {}): Message[] {
  const problems = checkPasswordPolicy(password);
  return problems.length > 0 ? problems : checkPasswordStrength(password, facts);
}

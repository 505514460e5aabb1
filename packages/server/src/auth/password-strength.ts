/**
 * How guessable a new password is, with `@zxcvbn-ts/core`: its common-password and English dictionaries, a list of
 * pinyin words and names Chinese users build passwords from (password-pinyin.ts), keyboard patterns, dates and
 * repeats, and the user's own data (mobile number, name, organisation). A password needs score 3 of 0–4 ("safely
 * unguessable": about 10^8 guesses), which `Password1`, `Aa123456`, `Qwer1234` and `Woaini1314!` do not reach; and
 * it may not contain the user's mobile number, whatever else surrounds it.
 *
 * Cost: zxcvbn-ts's l33t matcher (`P@ssw0rd` → password) took seconds for a 34-character password on the 2-core
 * server — a CPU sink on the unauthenticated registration path. It is switched off; instead the password is also
 * checked with the usual substitutions undone, and the lower score counts. Only the first 64 characters are
 * estimated (anything longer is a passphrase). Both checks together take a few milliseconds.
 */
import { ZxcvbnFactory, type ZxcvbnResult } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as en from '@zxcvbn-ts/language-en';
import { pinyinWords } from './password-pinyin.ts';

export const passwordMinScore = 3;

/** One reason, in Chinese and English (the same shape as password-policy.ts's Message). */
export interface Message {
  zh: string;
  en: string;
}

let factory: ZxcvbnFactory | undefined;

function estimator(): ZxcvbnFactory {
  factory ??= new ZxcvbnFactory({
    dictionary: { ...common.dictionary, ...en.dictionary, pinyin: pinyinWords },
    graphs: common.adjacencyGraphs,
    translations: en.translations,
    l33tTable: {},
    maxLength: 64,
  });
  return factory;
}

const unleet: Record<string, string> = { '@': 'a', '4': 'a', '8': 'b', '3': 'e', '6': 'g', '1': 'i', '!': 'i', '0': 'o', '5': 's', $: 's', '7': 't', '2': 'z' };

/** The password with the usual letter-for-symbol substitutions undone (`P@ssw0rd` → `Password`). */
export function withoutSubstitutions(password: string): string {
  return password.replace(/[@483610!5$72]/g, (c, offset: number) => {
    // Digits at the end are usually a year or a counter, not a letter in disguise.
    if (/\d/.test(c) && /^\d*$/.test(password.slice(offset))) return c;
    return unleet[c] ?? c;
  });
}

const warningsZh: Record<string, string> = {
  straightRow: '键盘上连续一排的按键很容易被猜到',
  keyPattern: '简短的键盘图案很容易被猜到',
  simpleRepeat: '重复的字符（如 aaa）很容易被猜到',
  extendedRepeat: '重复的字符组合（如 abcabcabc）很容易被猜到',
  sequences: '常见的字符序列（如 abc、123）很容易被猜到',
  recentYears: '近年的年份很容易被猜到',
  dates: '日期很容易被猜到',
  topTen: '这是极常用的密码',
  topHundred: '这是很常用的密码',
  common: '这是常用密码',
  similarToCommon: '这与常用密码很相似',
  wordByItself: '单个词语很容易被猜到',
  namesByThemselves: '单独的姓名或姓氏很容易被猜到',
  commonNames: '常见的姓名很容易被猜到',
  userInputs: '不要使用手机号、姓名、单位名称等个人信息',
  pwned: '该密码已在网上泄露过',
};
const warningKeyOf = new Map(Object.entries(en.translations.warnings as Record<string, string>).map(([key, text]) => [text, key]));

export interface UserFacts {
  mobile?: string | undefined;
  name?: string | undefined;
  organisationName?: string | undefined;
}

function weakest(a: ZxcvbnResult, b: ZxcvbnResult): ZxcvbnResult {
  return b.score < a.score ? b : a;
}

/** The problems with a new password's strength (empty when strong enough), in Chinese and English. */
export function checkPasswordStrength(password: string, facts: UserFacts = {}): Message[] {
  const mobile = facts.mobile?.replace(/\D/g, '');
  if (mobile && mobile.length >= 8 && password.replace(/\D/g, '').includes(mobile)) {
    return [{ zh: '密码不能包含您的手机号', en: 'The password must not contain your mobile number' }];
  }
  const inputs = [facts.mobile, facts.name, facts.organisationName].filter((v): v is string => !!v);
  const zxcvbn = estimator();
  const result = weakest(zxcvbn.check(password, inputs), zxcvbn.check(withoutSubstitutions(password), inputs));
  if (result.score >= passwordMinScore) return [];
  const key = result.feedback.warning ? warningKeyOf.get(result.feedback.warning) : undefined;
  const why = key ? { zh: warningsZh[key] ?? '', en: result.feedback.warning ?? '' } : undefined;
  return [{
    zh: `密码太容易被猜到${why?.zh ? `：${why.zh}` : ''}。请使用更长、不常见的组合，例如几个不相关的词加数字和符号`,
    en: `The password is too easy to guess${why?.en ? `: ${why.en.replace(/\.$/, '')}` : ''}. Use something longer and less common, e.g. a few unrelated words with digits and symbols`,
  }];
}

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppError, errorRegistry, type ErrorCode } from '../src/errors.ts';
import { repositoryRoot } from './helpers/cli-process.ts';

interface DocumentedError {
  status: number;
  zh: string;
  en: string;
}

/** Every `| \`SB_ERR_…\` | status | 中文 | English |` row of docs/errors.md. */
function documentedErrors(): Map<string, DocumentedError> {
  const doc = readFileSync(path.join(repositoryRoot, 'docs/errors.md'), 'utf8');
  const rows = new Map<string, DocumentedError>();
  for (const line of doc.split('\n')) {
    const match = /^\|\s*`(SB_ERR_[A-Z0-9_]+)`\s*\|\s*(\d{3})\s*\|\s*(.*?)\s*\|\s*(.*?)\s*\|\s*$/.exec(line);
    if (!match) continue;
    if (rows.has(match[1]!)) throw new Error(`docs/errors.md lists ${match[1]} twice`);
    rows.set(match[1]!, { status: Number(match[2]), zh: match[3]!, en: match[4]! });
  }
  return rows;
}

const placeholders = (text: string): string[] => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).sort();

describe('error registry', () => {
  const registry = Object.entries(errorRegistry) as [ErrorCode, { status: number; zh: string; en: string }][];

  it('docs/errors.md documents every registered code with its status and both messages', () => {
    const documented = documentedErrors();
    for (const [code, definition] of registry) {
      expect(documented.get(code), `${code} is missing from docs/errors.md`).toEqual({ status: definition.status, zh: definition.zh, en: definition.en });
    }
  });

  it('docs/errors.md documents no code the registry does not have', () => {
    const registered = new Set<string>(registry.map(([code]) => code));
    const unknown = [...documentedErrors().keys()].filter((code) => !registered.has(code));
    expect(unknown).toEqual([]);
  });

  it('gives every code an error status and a Chinese and an English message with the same placeholders', () => {
    for (const [code, { status, zh, en }] of registry) {
      expect(code).toMatch(/^SB_ERR_[A-Z0-9_]+$/);
      expect(status, code).toBeGreaterThanOrEqual(400);
      expect(status, code).toBeLessThan(600);
      expect(zh, code).toMatch(/[\u4e00-\u9fff]/);
      expect(en, code).toMatch(/^[\x20-\x7e]+$/);
      expect(placeholders(zh), code).toEqual(placeholders(en));
    }
  });

  it('fills placeholders from params and keeps unknown ones visible', () => {
    const error = new AppError('SB_ERR_NOT_FOUND', { what: '申报书' });
    expect(error.zh).toBe('申报书不存在');
    expect(error.toJSON()).toEqual({ code: 'SB_ERR_NOT_FOUND', status: 404, message: { zh: '申报书不存在', en: '申报书 not found' } });
    expect(new AppError('SB_ERR_NOT_FOUND').en).toBe('{what} not found');
  });
});

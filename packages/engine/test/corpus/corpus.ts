import { expect, it } from 'vitest';
import { checkProgramme, checkProgrammeFlow, type Problem } from '../../src/index.ts';
import { realProgramme } from '../helpers/programme-files.ts';

/**
 * The broken-folder corpus: each case takes one of the five real programmes, makes one mistake
 * an author could make, and expects `check` (with the flow walk, as `shenbao check` runs it) to
 * refuse it with the right file and pointer or element. Case names say what the mistake is.
 */

export type Files = Record<string, string>;

export interface Mistake {
  /** What the author got wrong, as the test's name. */
  name: string;
  edit: (files: Files) => Files;
  expect: Partial<Pick<Problem, 'file' | 'code' | 'pointer' | 'element'>>;
}

/** The folder with text replaced; fails the test when `from` is not there (the corpus must not rot silently). */
export function replaceIn(files: Files, path: string, from: string | RegExp, to: string): Files {
  const before = files[path];
  if (before === undefined) throw new Error(`corpus set-up: no file ${path}`);
  const after = before.replace(from, to);
  if (after === before) throw new Error(`corpus set-up: ${String(from)} not found in ${path}`);
  return { ...files, [path]: after };
}

/** The folder with one JSON file edited. */
export function editJson(files: Files, path: string, edit: (value: any) => void): Files { // eslint-disable-line @typescript-eslint/no-explicit-any
  const text = files[path];
  if (text === undefined) throw new Error(`corpus set-up: no file ${path}`);
  const value: unknown = JSON.parse(text);
  edit(value);
  return { ...files, [path]: JSON.stringify(value, null, 2) };
}

/** The first schema node (with its JSON pointer) for which `test` holds, depth first in property order. */
export function findNode(schema: unknown, test: (node: Record<string, any>) => boolean, pointer = ''): { node: Record<string, any>; pointer: string } | undefined { // eslint-disable-line @typescript-eslint/no-explicit-any
  if (typeof schema !== 'object' || schema === null) return undefined;
  const node = schema as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  if (test(node)) return { node, pointer };
  for (const [name, child] of Object.entries((node.properties ?? {}) as Record<string, unknown>)) {
    const found = findNode(child, test, `${pointer}/properties/${name}`);
    if (found) return found;
  }
  if (node.items) return findNode(node.items, test, `${pointer}/items`);
  return undefined;
}

/** The first form file of the folder (sections, then task forms) holding a node for which `test` holds. */
export function findInForms(files: Files, test: (node: Record<string, any>) => boolean): { file: string; pointer: string; node: Record<string, any> } { // eslint-disable-line @typescript-eslint/no-explicit-any
  const manifest = JSON.parse(files['programme.json']!) as { sections: Array<{ schema: string }>; taskForms?: Array<{ schema: string }> };
  for (const ref of [...manifest.sections, ...(manifest.taskForms ?? [])]) {
    const found = findNode(JSON.parse(files[ref.schema]!), test);
    if (found) return { file: ref.schema, ...found };
  }
  throw new Error('corpus set-up: no form has such a field');
}

/** Sets a value at a JSON pointer inside a parsed JSON value. */
export function setAt(value: any, pointer: string, key: string, to: unknown): void { // eslint-disable-line @typescript-eslint/no-explicit-any
  let node = value;
  for (const segment of pointer.split('/').slice(1)) node = node[segment.replace(/~1/g, '/').replace(/~0/g, '~')];
  node[key] = to;
}

/** The id of the first user task in the flow whose start tag matches `test`. */
export function userTask(files: Files, test: (tag: string) => boolean = () => true): string {
  for (const match of files['flow.bpmn']!.matchAll(/<bpmn:userTask\b[^>]*>/g)) {
    if (test(match[0])) return /\bid="([^"]+)"/.exec(match[0])![1]!;
  }
  throw new Error('corpus set-up: no such user task');
}

/** Replaces attributes inside one element's start tag. */
export function editTag(files: Files, id: string, edit: (tag: string) => string): Files {
  const xml = files['flow.bpmn']!;
  const tag = new RegExp(`<bpmn:(\\w+)\\b[^>]*\\bid="${id}"[^>]*>`);
  const match = tag.exec(xml);
  if (!match) throw new Error(`corpus set-up: no element ${id}`);
  const edited = edit(match[0]);
  if (edited === match[0]) throw new Error(`corpus set-up: the edit changed nothing in ${id}`);
  return { ...files, 'flow.bpmn': xml.replace(match[0], edited) };
}

/** Inserts XML just before the process ends. */
export function addToProcess(files: Files, xml: string): Files {
  return replaceIn(files, 'flow.bpmn', '</bpmn:process>', `${xml}\n  </bpmn:process>`);
}

/** Registers one test per mistake for the programme; skipped (visibly) when the folder is missing. */
export function corpus(programmeId: string, mistakes: (files: Files) => Mistake[]): void {
  const files = realProgramme(programmeId) as Files | undefined;
  if (!files) {
    it.skip(`${programmeId} is missing`, () => {});
    return;
  }
  it(`${programmeId} as it is passes check (the corpus starts from a clean folder)`, async () => {
    expect(await checkProgramme(files, { extraChecks: [checkProgrammeFlow] })).toEqual([]);
  }, 60_000);
  for (const mistake of mistakes(files)) {
    it(`${programmeId}: ${mistake.name}`, async () => {
      const problems = await checkProgramme(mistake.edit(files), { extraChecks: [checkProgrammeFlow] });
      expect(problems.filter((p) => p.code === 'SB_CHECK_INTERNAL')).toEqual([]);
      expect(problems).toContainEqual(expect.objectContaining(mistake.expect));
      for (const p of problems) {
        expect(p.message.zh.length).toBeGreaterThan(0);
        expect(p.message.en.length).toBeGreaterThan(0);
      }
    }, 60_000);
  }
}

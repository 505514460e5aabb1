import { problem, type Problem } from '../problem.ts';
import { contentHash } from './content-hash.ts';
import { parseJsonFile } from './json.ts';
import { folderSizeProblems } from './limits.ts';
import { validateManifest } from './meta-schema.ts';
import type { Fixture, FormRef, LoadedForm, LoadedPrint, Programme, ProgrammeFiles, ProgrammeManifest } from './types.ts';

/** The manifest's file name inside a programme folder. */
export const MANIFEST_FILE = 'programme.json';

/** What loading found: the programme (when usable) and every problem met on the way. */
export interface LoadResult {
  programme?: Programme;
  problems: Problem[];
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function missing(path: string, pointer: string): Problem {
  return problem(MANIFEST_FILE, 'SB_CHECK_MISSING_FILE', { zh: `引用的文件不存在：${path}`, en: `Referenced file does not exist: ${path}` }, { pointer });
}

/**
 * Reads a programme folder given as `relative path → text`. Never throws: a broken folder gives
 * problems. `programme` is set only when there are no problems, so a caller that publishes or
 * serves a programme cannot use a half-loaded one; `check` uses `loadProgrammeLeniently`.
 */
export function loadProgramme(files: ProgrammeFiles): LoadResult {
  const { programme, problems } = loadProgrammeLeniently(files);
  return problems.length === 0 && programme ? { programme, problems } : { problems };
}

/**
 * Like loadProgramme, but returns a programme whenever the manifest itself is valid, with
 * broken or missing referenced files left out, so that `check` can go on finding more mistakes.
 */
export function loadProgrammeLeniently(folder: ProgrammeFiles): LoadResult {
  const problems: Problem[] = [];
  if (!isPlainObject(folder)) {
    return { problems: [problem(MANIFEST_FILE, 'SB_CHECK_MISSING_FILE', { zh: '没有收到程序文件夹', en: 'No programme folder was given' })] };
  }
  // Sizes first: an oversized file is reported once and then read as absent, never parsed.
  const sizes = folderSizeProblems(folder);
  problems.push(...sizes.problems);
  const given = folder;
  const files: ProgrammeFiles = Object.fromEntries(Object.entries(given).filter(([path]) => !sizes.oversized.has(path)));
  const missingFile = (path: string, pointer: string): Problem[] => (sizes.oversized.has(path) ? [] : [missing(path, pointer)]);
  const text = files[MANIFEST_FILE];
  if (typeof text !== 'string') {
    if (sizes.oversized.has(MANIFEST_FILE)) return { problems };
    return { problems: [...problems, problem(MANIFEST_FILE, 'SB_CHECK_MISSING_FILE', { zh: '缺少 programme.json', en: 'programme.json is missing' })] };
  }
  const parsed = parseJsonFile(MANIFEST_FILE, text);
  if (parsed.problem) return { problems: [...problems, parsed.problem] };
  const validated = validateManifest(parsed.value);
  if (!validated.manifest) return { problems: [...problems, ...validated.problems] };
  const manifest = validated.manifest;

  const loadForm = <Ref extends FormRef>(ref: Ref, pointer: string): LoadedForm<Ref> | undefined => {
    const schemaText = files[ref.schema];
    if (typeof schemaText !== 'string') {
      problems.push(...missingFile(ref.schema, `${pointer}/schema`));
      return undefined;
    }
    const schema = parseJsonFile(ref.schema, schemaText);
    if (schema.problem) {
      problems.push(schema.problem);
      return undefined;
    }
    if (!isPlainObject(schema.value)) {
      problems.push(problem(ref.schema, 'SB_CHECK_SCHEMA_NOT_OBJECT', { zh: '表单结构必须是一个 JSON 对象', en: 'A form schema must be a JSON object' }));
      return undefined;
    }
    let ui: Record<string, unknown> | undefined;
    if (ref.ui !== undefined) {
      const uiText = files[ref.ui];
      if (typeof uiText !== 'string') problems.push(...missingFile(ref.ui, `${pointer}/ui`));
      else {
        const parsedUi = parseJsonFile(ref.ui, uiText);
        if (parsedUi.problem) problems.push(parsedUi.problem);
        else if (!isPlainObject(parsedUi.value)) problems.push(problem(ref.ui, 'SB_CHECK_UI_NOT_OBJECT', { zh: '界面配置必须是一个 JSON 对象', en: 'A UI schema must be a JSON object' }));
        else ui = parsedUi.value;
      }
    }
    return { ref, schema: schema.value, ui };
  };

  const sections = manifest.sections.flatMap((ref, i) => loadForm(ref, `/sections/${i}`) ?? []);
  const taskForms = (manifest.taskForms ?? []).flatMap((ref, i) => loadForm(ref, `/taskForms/${i}`) ?? []);

  const flowXml = files[manifest.flow];
  if (typeof flowXml !== 'string') problems.push(...missingFile(manifest.flow, '/flow'));

  const prints: LoadedPrint[] = [];
  (manifest.prints ?? []).forEach((def, i) => {
    const template = files[def.template];
    if (typeof template !== 'string') problems.push(...missingFile(def.template, `/prints/${i}/template`));
    const css = def.css === undefined ? undefined : files[def.css];
    if (def.css !== undefined && typeof css !== 'string') problems.push(...missingFile(def.css, `/prints/${i}/css`));
    if (typeof template === 'string') prints.push({ def, template, css });
  });

  const fixtures = loadFixtures(manifest, files, problems, missingFile);

  return {
    programme: {
      manifest,
      // A folder with an oversized file is never published: do not spend seconds hashing it.
      hash: sizes.oversized.size > 0 ? '' : contentHash(given),
      sections,
      taskForms,
      flowXml: flowXml ?? '',
      prints,
      fixtures,
      files: given,
    },
    problems,
  };
}

function loadFixtures(manifest: ProgrammeManifest, files: ProgrammeFiles, problems: Problem[], missingFile: (path: string, pointer: string) => Problem[]): Fixture[] {
  const fixtures: Fixture[] = [];
  (manifest.fixtures ?? []).forEach((path, i) => {
    const text = files[path];
    if (typeof text !== 'string') {
      problems.push(...missingFile(path, `/fixtures/${i}`));
      return;
    }
    const parsed = parseJsonFile(path, text);
    if (parsed.problem) {
      problems.push(parsed.problem);
      return;
    }
    const value = parsed.value;
    const expect = isPlainObject(value) ? value.expect : undefined;
    if (!isPlainObject(value) || !isPlainObject(value.data) || !isPlainObject(expect) || typeof expect.valid !== 'boolean') {
      problems.push(
        problem(path, 'SB_CHECK_FIXTURE_SHAPE', {
          zh: '样例文件应为 { "title", "data": {…}, "expect": { "valid": true|false } }',
          en: 'A fixture must be { "title", "data": {…}, "expect": { "valid": true|false } }',
        }),
      );
      return;
    }
    const tasks = fixtureTasks(value.tasks);
    if (tasks === 'malformed') {
      problems.push(
        problem(path, 'SB_CHECK_FIXTURE_SHAPE', {
          zh: '样例的 tasks 应为 { "<任务ID>": { "outcome": "approve", "data": {…} } }',
          en: 'A fixture\'s tasks must be { "<task id>": { "outcome": "approve", "data": {…} } }',
        }, { pointer: '/tasks' }),
      );
      return;
    }
    const stringList = (v: unknown): string[] | undefined => (Array.isArray(v) ? v.map(String) : undefined);
    const expectation: Fixture['expect'] = { valid: expect.valid };
    const rules = stringList(expect.rules);
    const errors = stringList(expect.errors);
    if (rules) expectation.rules = rules;
    if (errors) expectation.errors = errors;
    fixtures.push({
      path,
      title: typeof value.title === 'string' || isPlainObject(value.title) ? (value.title as Fixture['title']) : path,
      data: value.data as Fixture['data'],
      expect: expectation,
      ...(tasks ? { tasks } : {}),
    });
  });
  return fixtures;
}

/** A fixture's optional `tasks`, or 'malformed' when it is not { id: { outcome, data? } }. */
function fixtureTasks(value: unknown): Fixture['tasks'] | 'malformed' {
  if (value === undefined) return undefined;
  if (!isPlainObject(value)) return 'malformed';
  const tasks: NonNullable<Fixture['tasks']> = {};
  for (const [id, task] of Object.entries(value)) {
    if (!isPlainObject(task) || typeof task.outcome !== 'string' || (task.data !== undefined && !isPlainObject(task.data))) return 'malformed';
    tasks[id] = { outcome: task.outcome, data: (task.data as Record<string, unknown> | undefined) ?? {} };
  }
  return tasks;
}

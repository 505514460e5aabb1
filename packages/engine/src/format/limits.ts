import { problem, type Problem } from '../problem.ts';

/**
 * The budgets of a programme folder. A folder comes from an administrator's upload, so every
 * file is bounded before anything reads it, and every check over it runs in time linear in its
 * size. docs/programme-format.md lists the same numbers ("Limits"); each is refused with its
 * own code. Sizes are in characters (a Chinese character is one), measured before parsing, so a
 * 50 MB file is refused at once.
 */
export const FOLDER_LIMITS = {
  /** Files in one folder. */
  maxFiles: 300,
  /** All files together, in characters. */
  maxFolderChars: 8_000_000,
  /** programme.json, a form schema, a UI schema, a fixture. */
  maxJsonChars: 1_000_000,
  /** flow.bpmn (Camunda Modeler writes ~400 characters per element with its diagram). */
  maxFlowChars: 2_000_000,
  /** A print template or its stylesheet. */
  maxTemplateChars: 500_000,
  /** Nesting of objects and arrays in a JSON file (a real form schema nests about 12 deep). */
  maxJsonDepth: 40,
  /** Nesting of XML elements in flow.bpmn (Camunda Modeler's diagram nests 6 deep). */
  maxXmlDepth: 40,
  /** Flow elements (tasks, events, gateways, sequence flows) in the one process. */
  maxFlowElements: 2_000,
  /** Nesting of Handlebars blocks ({{#each}} inside {{#if}} …) in one template. */
  maxTemplateBlockDepth: 16,
  /** One FEEL expression's text. */
  maxExpressionChars: 2_000,
  /** Iterations one FEEL expression may ask for through ranges (`for i in 1..n`), all loops multiplied. */
  maxExpressionIterations: 10_000,
  /** One schema `pattern`. */
  maxPatternChars: 500,
} as const;

/** Which size limit applies to a folder file, by its name. */
export function charLimitFor(path: string): number {
  if (path.endsWith('.bpmn') || path.endsWith('.xml')) return FOLDER_LIMITS.maxFlowChars;
  if (path.endsWith('.hbs') || path.endsWith('.css')) return FOLDER_LIMITS.maxTemplateChars;
  return FOLDER_LIMITS.maxJsonChars;
}

const number = (n: number) => n.toLocaleString('en-US');

/**
 * Problems with the folder as a whole and with each file's size: checked before any file is
 * parsed. An oversized file is reported and left out, so the rest is still checked.
 */
export function folderSizeProblems(files: Readonly<Record<string, string>>): { problems: Problem[]; oversized: Set<string> } {
  const problems: Problem[] = [];
  const oversized = new Set<string>();
  const paths = Object.keys(files);
  if (paths.length > FOLDER_LIMITS.maxFiles) {
    problems.push(problem('programme.json', 'SB_CHECK_LIMIT_FILES', {
      zh: `文件夹中有 ${number(paths.length)} 个文件，最多 ${number(FOLDER_LIMITS.maxFiles)} 个`,
      en: `The folder holds ${number(paths.length)} files; at most ${number(FOLDER_LIMITS.maxFiles)} are allowed`,
    }));
  }
  let total = 0;
  for (const path of paths) {
    const text = files[path];
    if (typeof text !== 'string') continue;
    total += text.length;
    const limit = charLimitFor(path);
    if (text.length > limit) {
      oversized.add(path);
      problems.push(problem(path, 'SB_CHECK_LIMIT_FILE_SIZE', {
        zh: `文件有 ${number(text.length)} 个字符，超过此类文件的上限 ${number(limit)}：请拆分或删去无用内容`,
        en: `The file has ${number(text.length)} characters, over the limit of ${number(limit)} for its kind: split it or remove what is not needed`,
      }));
    }
  }
  if (total > FOLDER_LIMITS.maxFolderChars) {
    problems.push(problem('programme.json', 'SB_CHECK_LIMIT_FOLDER_SIZE', {
      zh: `文件夹共 ${number(total)} 个字符，超过上限 ${number(FOLDER_LIMITS.maxFolderChars)}`,
      en: `The folder holds ${number(total)} characters in all, over the limit of ${number(FOLDER_LIMITS.maxFolderChars)}`,
    }));
  }
  return { problems, oversized };
}

/**
 * The deepest nesting of `{`/`[` in a JSON text, outside strings: one linear pass, so a
 * 10,000-deep file is refused before any recursive code (the parser's consumers) meets it.
 */
export function jsonDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92 /* \ */) i++;
      else if (c === 34 /* " */) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 /* { */ || c === 91 /* [ */) {
      depth++;
      if (depth > deepest) deepest = depth;
    } else if (c === 125 /* } */ || c === 93 /* ] */) depth--;
  }
  return deepest;
}

/** The problem for a JSON file nested deeper than the limit, if it is. */
export function jsonDepthProblem(file: string, text: string): Problem | undefined {
  const depth = jsonDepth(text);
  if (depth <= FOLDER_LIMITS.maxJsonDepth) return undefined;
  return problem(file, 'SB_CHECK_LIMIT_NESTING', {
    zh: `JSON 嵌套 ${number(depth)} 层，最多 ${FOLDER_LIMITS.maxJsonDepth} 层`,
    en: `The JSON nests ${number(depth)} levels deep; at most ${FOLDER_LIMITS.maxJsonDepth} are allowed`,
  });
}

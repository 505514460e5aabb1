/**
 * The full check of a programme folder, as `shenbao check`, the publish commands and the admin upload run it: the
 * engine's checks plus the workflow's walk with every fixture. Problems block publishing; warnings do not — they name
 * flow elements that one fixture's data never reaches (another fixture may reach them: only an element no fixture
 * reaches is a problem).
 */
import './pattern-engine.ts';
import { checkUiWidgets } from './ui-widget-check.ts';
import {
  checkProgramme, checkProgrammeFlow, loadFlow, loadProgramme, loadProgrammeLeniently, walkFlowPaths, type Message, type Problem, type ProgrammeFiles,
} from '@shenbao/engine';

export interface FolderCheck {
  /** The programme id from programme.json, when it could be read. */
  programmeId: string | undefined;
  problems: Problem[];
  warnings: Problem[];
}

export async function checkProgrammeFiles(files: ProgrammeFiles): Promise<FolderCheck> {
  const problems = await checkProgramme(files, { extraChecks: [checkProgrammeFlow], hostChecks: [checkUiWidgets] });
  const programmeId = loadProgrammeLeniently(files).programme?.manifest.id;
  const warnings = problems.length === 0 ? await unreachedByFixture(files) : [];
  return { programmeId, problems, warnings };
}

/** For each fixture, the flow elements its own data cannot reach (a return branch a complete fixture never takes …). */
async function unreachedByFixture(files: ProgrammeFiles): Promise<Problem[]> {
  const { programme } = loadProgramme(files);
  if (!programme) return [];
  const flow = await loadFlow(programme.flowXml);
  const { manifest } = programme;
  const warnings: Problem[] = [];
  for (const fixture of programme.fixtures.filter((f) => f.expect.valid)) {
    // The same variables checkProgrammeFlow walks with, so the two reports agree.
    const variables = { ...fixture.data, windows: manifest.windows, application: { number: 'CHECK-1', status: 'submitted', organisation: null } };
    const walk = await walkFlowPaths(flow, variables);
    if (walk.unreached.length === 0) continue;
    const list = walk.unreached.join(', ');
    warnings.push({
      file: manifest.flow,
      code: 'flow/unreached-by-fixture',
      message: {
        zh: `样例 ${fixture.path} 的数据走不到这些流程元素：${list}`,
        en: `With the data of fixture ${fixture.path} the flow never reaches: ${list}`,
      },
    });
  }
  return warnings;
}

/** One problem on one line: `file[#pointer|@element]: code 中文 / English`. */
export function formatProblem(problem: Problem): string {
  const where = problem.pointer !== undefined ? `#${problem.pointer}` : problem.element !== undefined ? `@${problem.element}` : '';
  return `${problem.file}${where}: ${problem.code} ${problem.message.zh} / ${problem.message.en}`;
}

/** The summary line of one folder. */
export function checkSummary(label: string, check: FolderCheck): Message {
  const { problems, warnings } = check;
  if (problems.length === 0) {
    return {
      zh: `${label}：检查通过${warnings.length ? `，${warnings.length} 条提示` : ''}`,
      en: `${label}: clean${warnings.length ? `, ${warnings.length} warning${warnings.length === 1 ? '' : 's'}` : ''}`,
    };
  }
  return {
    zh: `${label}：发现 ${problems.length} 个问题，不能发布`,
    en: `${label}: ${problems.length} problem${problems.length === 1 ? '' : 's'}, cannot be published`,
  };
}

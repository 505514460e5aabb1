/**
 * `pnpm shenbao render <programme-dir> --print <id> --fixture <file> --out <pdf>`: renders any print of a programme
 * from fixture data, without a database, so administrators can preview templates while writing a folder. It goes
 * through the same print-data builder as the server's prints, so the preview is what applicants will get.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { compilePrintTemplate, loadProgramme, type Fixture } from '@shenbao/engine';
import { loadConfig } from '../../config.ts';
import { readProgrammeFolder } from '../../programmes/read-folder.ts';
import { buildRuntime } from '../../programmes/programme-runtime.ts';
import { PdfRenderer } from '../../print/pdf-renderer.ts';
import { generatePrint } from '../../print/print-generation.ts';
import { printDefOf, printInputFor, taskFormOfPrint } from '../../prints/print-input.ts';
import { pdfPageCount } from '../../prints/pdf-page-count.ts';
import type { ApplicationRow } from '../../applications/application.service.ts';
import type { TaskRow } from '../../workflow/task.service.ts';
import { say, UsageError, type CliCommand } from '../command.ts';

function option(args: string[], name: string): string | undefined {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : undefined;
}

export const renderCommand: CliCommand = {
  name: 'render',
  summary: '用样例数据生成打印件 PDF（预览模板）/ render a print from fixture data to a PDF (template preview)',
  usage: [
    'npm run shenbao -- render <programme-dir> --print <print-id> --fixture <fixture.json> --out <file.pdf>',
    'The fixture is a programme fixture ({ data, tasks? }); for a print filled from a task form, the task data comes',
    'from fixture.tasks.<taskDefinitionId>.data where that task uses the print’s form. Reads CHROMIUM_PATH, PUBLIC_URL.',
  ].join('\n'),
  async run(args) {
    const [dir] = args;
    const printId = option(args, '--print');
    const fixturePath = option(args, '--fixture');
    const out = option(args, '--out');
    if (!dir || dir.startsWith('--') || !printId || !fixturePath || !out) throw new UsageError('需要 <programme-dir> --print --fixture --out / missing arguments');
    const config = loadConfig();
    const files = await readProgrammeFolder(path.resolve(dir));
    const { programme, problems } = loadProgramme(files);
    if (!programme) {
      for (const p of problems) console.error(`${p.file}${p.pointer ? `#${p.pointer}` : ''}: ${p.code} ${p.message.zh} / ${p.message.en}`);
      return 1;
    }
    const print = printDefOf(programme, printId);
    if (!print) {
      const known = programme.prints.map((p) => p.def.id).join(', ');
      say(`没有打印件 ${printId}（可选：${known}）`, `no print ${printId} (choose from: ${known})`);
      return 1;
    }
    let fixture: Pick<Fixture, 'data'> & { tasks?: Record<string, { outcome?: string; data?: Record<string, unknown> }> };
    try {
      fixture = JSON.parse(await readFile(path.resolve(fixturePath), 'utf8'));
    } catch (error) {
      say(`样例数据无法读取：${(error as Error).message}`, `cannot read the fixture: ${(error as Error).message}`);
      return 1;
    }
    const runtime = await buildRuntime('preview', files);
    const now = new Date();
    const application = {
      id: 'preview', number: 'SB-PREVIEW', programmeId: programme.manifest.id, programmeVersionId: 'preview',
      applicantOrganisationId: 'preview-applicant', createdBy: 'preview', status: 'draft', outcome: null, outcomeValidUntil: null,
      data: fixture.data ?? {}, sectionRevisions: {}, frozen: false, flowState: null, revision: 0, routing: {},
      firstSubmittedAt: null, submittedAt: null, completedAt: null, createdAt: now, updatedAt: now,
    } satisfies ApplicationRow;
    const formId = taskFormOfPrint(programme, printId);
    let task: TaskRow | null = null;
    if (formId) {
      const flowTask = Object.values(runtime.flow.userTasks).find((t) => t.formKey === formId);
      const sample = flowTask ? fixture.tasks?.[flowTask.id] : undefined;
      task = {
        id: 'preview-task', applicationId: 'preview', programmeId: programme.manifest.id, flowTaskId: 'preview', definitionId: flowTask?.id ?? formId,
        name: flowTask?.name ?? formId, role: flowTask?.role ?? '', organisationId: '', formKey: formId, kind: 'review', outcomes: [], withdrawable: false,
        status: 'completed', dueAt: null, openedAt: now, completedAt: now, completedBy: null, outcome: sample?.outcome ?? null, reason: null, data: sample?.data ?? {}, dataRevision: 0,
      };
    }
    const organisationNames = Object.fromEntries((programme.manifest.organisations?.units ?? []).map((u) => [u.id, typeof u.title === 'string' ? u.title : u.title.zh]));
    const source = programme.prints.find((p) => p.def.id === printId)!;
    const template = compilePrintTemplate(source.template, source.css ?? '', source.def.template);
    const renderer = new PdfRenderer({ chromiumPath: config.chromiumPath, concurrency: 1 });
    try {
      const input = printInputFor({ application, runtime, print, task, organisationNames }, now);
      const result = await generatePrint(renderer, template, input, { publicUrl: config.publicUrl });
      await writeFile(path.resolve(out), result.pdf);
      const pages = pdfPageCount(result.pdf);
      say(`已生成 ${out}：${pages ?? '?'} 页，版本号 ${result.version}`, `wrote ${out}: ${pages ?? '?'} pages, version ${result.version}`);
      return 0;
    } finally {
      await renderer.close();
    }
  },
};

/**
 * Summary tables (汇总表): programme.json `exports` turned into Excel. Each column is a FEEL expression evaluated per
 * application against the application's variables plus what a summary needs:
 *   - every completed task by its definition id: `{ outcome, data, reason }` (the latest completion when a task ran twice),
 *   - `rank`: the application's place in a unit's ranking — the viewer's own unit's when it ranked the application,
 *     otherwise the first ranking made (the unit that recommended it); null when nobody ranked it,
 *   - `organisations`: unit id → `{ name, category }` for the programme's declared units and the applicants'
 *     organisations, so that `=get value(organisations, basic.recommender).name` shows a unit's name,
 *   - `outcomes`: outcome id → its name in programme.json `outcomes`, so that `=get value(outcomes, decide.outcome)`
 *     shows 认定 rather than `recognise`.
 * Who sees which rows: administrators every submitted application of the programme; a reviewer the applications
 * that have (had) a task of one of their units; an applicant (if an export names the applicant role) their own.
 * Drafts never appear. Rows are sorted by rank, then by application number.
 */
import { and, asc, eq, inArray, ne } from 'drizzle-orm';
import { outcomeNames, textIn, type ExportDef, type ProgrammeManifest } from '@shenbao/engine';
import type { Clock } from '../clock.ts';
import type { Database } from '../db/client.ts';
import { applications, organisations, rankings, tasks } from '../db/schema/index.ts';
import { AppError } from '../errors.ts';
import type { SessionUser } from '../access/session-user.ts';
import { applicantOrganisations, isProgrammeAdmin, reviewerOrganisations } from '../access/grants.ts';
import { applicationVariables } from '../applications/variables.ts';
import type { ProgrammeService } from '../programmes/programme.service.ts';
import type { ApplicationRow } from '../applications/application.service.ts';
import { exportRow, type CellValue, type RowFailure } from './export-cells.ts';
import { buildExportWorkbook } from './export-workbook.ts';

export interface ExportResult {
  fileName: string;
  title: string;
  headers: string[];
  rows: CellValue[][];
  /** Column expressions that failed for some application (cell left empty). */
  failures: Array<RowFailure & { applicationNumber: string }>;
}

interface Viewer {
  admin: boolean;
  /** Roles this user holds in the programme (reviewer roles from their units' categories, `applicant` kinds). */
  roles: Set<string>;
  reviewerUnits: string[];
  applicantOrganisations: string[];
}

function viewerIn(user: SessionUser, manifest: ProgrammeManifest): Viewer {
  const categoryRole = new Map((manifest.organisations?.categories ?? []).map((c) => [c.id, c.role]));
  const unitRole = new Map((manifest.organisations?.units ?? []).map((u) => [u.id, categoryRole.get(u.category)]));
  const grantsHere = user.grants.filter((g) => g.programmeId === '' || g.programmeId === manifest.id);
  const reviewerUnits = reviewerOrganisations({ ...user, grants: grantsHere }).filter((id) => unitRole.has(id));
  const ownOrganisations = applicantOrganisations({ ...user, grants: grantsHere });
  const roles = new Set<string>(reviewerUnits.map((id) => unitRole.get(id)!).filter(Boolean));
  if (ownOrganisations.length > 0) {
    for (const [id, role] of Object.entries(manifest.roles)) if (role.kind === 'applicant') roles.add(id);
  }
  return { admin: isProgrammeAdmin(user, manifest.id), roles, reviewerUnits, applicantOrganisations: ownOrganisations };
}

export class ExportService {
  constructor(private readonly db: Database, private readonly clock: Clock, private readonly programmes: ProgrammeService) {}

  /** The exports of a programme this user may download. */
  async available(user: SessionUser, programmeId: string): Promise<ExportDef[]> {
    const runtime = await this.programmes.currentRuntime(programmeId);
    const viewer = viewerIn(user, runtime.programme.manifest);
    return (runtime.programme.manifest.exports ?? []).filter((e) => viewer.admin || e.roles.some((r) => viewer.roles.has(r)));
  }

  async table(user: SessionUser, programmeId: string, exportId: string): Promise<ExportResult> {
    const row = await this.programmes.get(programmeId);
    const runtime = await this.programmes.runtime(row.currentVersionId);
    const manifest = runtime.programme.manifest;
    const definition = (manifest.exports ?? []).find((e) => e.id === exportId);
    if (!definition) throw new AppError('SB_ERR_NOT_FOUND', { what: `汇总表 ${exportId}` });
    const viewer = viewerIn(user, manifest);
    if (!viewer.admin && !definition.roles.some((r) => viewer.roles.has(r))) throw new AppError('SB_ERR_FORBIDDEN');

    const visible = await this.visibleApplications(programmeId, viewer);
    const ids = visible.map((a) => a.id);
    const [taskRows, rankRows, applicantRows] = ids.length === 0 ? [[], [], []] : await Promise.all([
      this.db.select().from(tasks).where(and(inArray(tasks.applicationId, ids), eq(tasks.status, 'completed'))).orderBy(asc(tasks.completedAt)),
      this.db.select().from(rankings).where(inArray(rankings.applicationId, ids)).orderBy(asc(rankings.rankedAt)),
      this.db.select({ id: organisations.id, name: organisations.name, category: organisations.category }).from(organisations)
        .where(inArray(organisations.id, [...new Set(visible.map((a) => a.applicantOrganisationId))])),
    ]);
    const organisationContext = organisationsContext(manifest, applicantRows);
    const outcomes = outcomeNames(manifest);

    const failures: ExportResult['failures'] = [];
    const built: Array<{ rank: number | null; number: string; cells: CellValue[] }> = [];
    for (const application of visible) {
      const pinned = application.programmeVersionId === runtime.versionId ? runtime : await this.programmes.runtime(application.programmeVersionId);
      const rank = rankFor(rankRows.filter((r) => r.applicationId === application.id), viewer.reviewerUnits);
      const variables: Record<string, unknown> = {
        ...completedTasks(taskRows.filter((t) => t.applicationId === application.id)),
        ...applicationVariables(application, pinned, row.windowOverrides),
        rank,
        organisations: organisationContext,
        outcomes,
      };
      const { cells, failures: rowFailures } = exportRow(definition, variables);
      failures.push(...rowFailures.map((f) => ({ ...f, applicationNumber: application.number })));
      built.push({ rank, number: application.number, cells });
    }
    built.sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity) || a.number.localeCompare(b.number));
    return {
      fileName: `${exportId}.xlsx`,
      title: textIn(definition.title),
      headers: definition.columns.map((c) => textIn(c.title)),
      rows: built.map((b) => b.cells),
      failures,
    };
  }

  /** The table as an .xlsx file. */
  async workbook(user: SessionUser, programmeId: string, exportId: string): Promise<{ result: ExportResult; bytes: Buffer }> {
    const result = await this.table(user, programmeId, exportId);
    const now = this.clock.now();
    const bytes = await buildExportWorkbook(
      { title: result.title, subtitle: `导出时间 / exported ${now.toISOString().slice(0, 16).replace('T', ' ')} UTC · ${result.rows.length} 条`, headers: result.headers, rows: result.rows },
      now,
    );
    return { result, bytes };
  }

  private async visibleApplications(programmeId: string, viewer: Viewer): Promise<ApplicationRow[]> {
    const submitted = and(eq(applications.programmeId, programmeId), ne(applications.status, 'draft'));
    if (viewer.admin) return this.db.select().from(applications).where(submitted);
    const found = new Map<string, ApplicationRow>();
    if (viewer.reviewerUnits.length > 0) {
      const reviewed = await this.db.selectDistinct({ id: tasks.applicationId }).from(tasks)
        .where(and(eq(tasks.programmeId, programmeId), inArray(tasks.organisationId, viewer.reviewerUnits)));
      if (reviewed.length > 0) {
        for (const a of await this.db.select().from(applications).where(and(submitted, inArray(applications.id, reviewed.map((r) => r.id))))) found.set(a.id, a);
      }
    }
    if (viewer.applicantOrganisations.length > 0) {
      for (const a of await this.db.select().from(applications).where(and(submitted, inArray(applications.applicantOrganisationId, viewer.applicantOrganisations)))) found.set(a.id, a);
    }
    return [...found.values()];
  }
}

type TaskRow = typeof tasks.$inferSelect;
type RankingRow = typeof rankings.$inferSelect;

/** Completed tasks by definition id; a later completion (after a return loop) replaces an earlier one. */
function completedTasks(rows: TaskRow[]): Record<string, { outcome: string | null; data: Record<string, unknown>; reason: string | null }> {
  const byDefinition: Record<string, { outcome: string | null; data: Record<string, unknown>; reason: string | null }> = {};
  for (const task of rows) byDefinition[task.definitionId] = { outcome: task.outcome, data: task.data ?? {}, reason: task.reason };
  return byDefinition;
}

function rankFor(rows: RankingRow[], viewerUnits: string[]): number | null {
  const own = rows.find((r) => viewerUnits.includes(r.organisationId));
  return (own ?? rows[0])?.rank ?? null;
}

function organisationsContext(manifest: ProgrammeManifest, applicants: Array<{ id: string; name: string; category: string | null }>): Record<string, { name: string; category: string | null }> {
  const context: Record<string, { name: string; category: string | null }> = {};
  for (const a of applicants) context[a.id] = { name: a.name, category: a.category };
  for (const unit of manifest.organisations?.units ?? []) context[unit.id] = { name: textIn(unit.title), category: unit.category };
  return context;
}

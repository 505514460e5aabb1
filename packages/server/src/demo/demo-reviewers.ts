/**
 * Demo reviewers for `npm start` (SEED_DEMO): one account for every reviewing unit a flow task can be routed to, so
 * that whichever unit a demo applicant picks, someone can log in and act. Nothing here is programme-specific: the
 * units come from each programme's declared organisations, kept only when some user task of the flow names the
 * unit category's role.
 *
 * Mobile numbers are deterministic: 137 PP CC UUUU —
 *   PP   the programme's position (01, 02 …) among the published programmes sorted by id,
 *   CC   the category's position in programme.json `organisations.categories`,
 *   UUUU the unit's position among that category's units in `organisations.units`.
 * e.g. 13701010001 is the first unit of the first category of the first programme. Password: demoPassword.
 * Idempotent: a mobile that already exists is left as it is.
 */
import { textIn, type ProgrammeManifest } from '@shenbao/engine';
import type { Database } from '../db/client.ts';
import type { AccountsService } from '../accounts/accounts.service.ts';
import type { OrganisationsService } from '../organisations/organisations.service.ts';
import type { ProgrammeService } from '../programmes/programme.service.ts';
import { demoPassword } from './demo-accounts.ts';

export interface DemoReviewersDeps {
  db: Database;
  programmes: Pick<ProgrammeService, 'list' | 'runtime'>;
  accounts: Pick<AccountsService, 'findByMobile' | 'createUser'>;
  organisations: Pick<OrganisationsService, 'get'>;
}

export interface DemoProgramme {
  manifest: ProgrammeManifest;
  /** Roles named by the flow's user tasks (candidate groups). */
  taskRoles: ReadonlySet<string>;
}

export interface DemoReviewer {
  mobile: string;
  name: string;
  programmeId: string;
  organisationId: string;
  unitName: string;
  categoryName: string;
}

const twoDigits = (n: number) => String(n).padStart(2, '0');

/** Pure: the reviewers to create for these programmes (sorted by id inside, so the numbering never depends on input order). */
export function planDemoReviewers(programmes: DemoProgramme[]): DemoReviewer[] {
  const sorted = [...programmes].sort((a, b) => a.manifest.id.localeCompare(b.manifest.id));
  if (sorted.length > 99) throw new Error('the demo mobile scheme numbers at most 99 programmes');
  const planned: DemoReviewer[] = [];
  sorted.forEach(({ manifest, taskRoles }, p) => {
    const categories = manifest.organisations?.categories ?? [];
    const units = manifest.organisations?.units ?? [];
    categories.forEach((category, c) => {
      if (!taskRoles.has(category.role)) return;
      units.filter((u) => u.category === category.id).forEach((unit, u) => {
        const unitName = textIn(unit.title);
        planned.push({
          mobile: `137${twoDigits(p + 1)}${twoDigits(c + 1)}${String(u + 1).padStart(4, '0')}`,
          name: `${unitName}演示审核员`,
          programmeId: manifest.id,
          organisationId: unit.id,
          unitName,
          categoryName: textIn(category.title),
        });
      });
    });
  });
  return planned;
}

/** The plan for every programme published in this database. */
export async function demoReviewersFor(services: Pick<DemoReviewersDeps, 'programmes'>): Promise<DemoReviewer[]> {
  const programmes: DemoProgramme[] = [];
  for (const row of await services.programmes.list()) {
    const runtime = await services.programmes.runtime(row.currentVersionId);
    const taskRoles = new Set(Object.values(runtime.flow.userTasks).flatMap((task) => task.roles));
    programmes.push({ manifest: runtime.programme.manifest, taskRoles });
  }
  return planDemoReviewers(programmes);
}

/** Creates the planned reviewers that do not exist yet; returns the plan and the mobiles it created. */
export async function seedDemoReviewers(services: DemoReviewersDeps): Promise<{ reviewers: DemoReviewer[]; created: string[] }> {
  const reviewers = await demoReviewersFor(services);
  const created: string[] = [];
  for (const reviewer of reviewers) {
    if (await services.accounts.findByMobile(reviewer.mobile)) continue;
    // The unit row exists: it was loaded when the programme was published.
    if (!(await services.organisations.get(reviewer.organisationId))) continue;
    await services.db.transaction((tx) => services.accounts.createUser(
      {
        mobile: reviewer.mobile, name: reviewer.name, password: demoPassword, mustChangePassword: false, mobileVerified: true,
        grants: [{ role: 'reviewer', organisationId: reviewer.organisationId, programmeId: reviewer.programmeId }],
      },
      { actorId: null, action: 'account.seeded' },
      tx,
    ));
    created.push(reviewer.mobile);
  }
  return { reviewers, created };
}

/** Console lines: one block per programme. */
export function describeDemoReviewers(reviewers: DemoReviewer[], created: ReadonlySet<string>): string[] {
  const lines = [`演示审核员（密码均为 ${demoPassword}）/ demo reviewers (password ${demoPassword}):`];
  let programmeId = '';
  for (const r of reviewers) {
    if (r.programmeId !== programmeId) {
      programmeId = r.programmeId;
      lines.push(`  ${programmeId}`);
    }
    lines.push(`    ${r.mobile}  ${r.unitName}（${r.categoryName}）${created.has(r.mobile) ? '  （新建 / new）' : ''}`);
  }
  return lines;
}

/**
 * Harness for flow tests through the GraphQL API: an app on a test database with a fake clock, the real programme
 * folders published from programmes/, and helpers to create applicants and reviewers and log them in.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { buildApp, type BuildOptions } from '../../src/app.ts';
import { FakeClock } from '../../src/clock.ts';
import { loadConfig } from '../../src/config.ts';
import { organisations } from '../../src/db/schema/index.ts';
import { readProgrammeFolder } from '../../src/programmes/read-folder.ts';
import type { WorkflowHooks } from '../../src/workflow/workflow-hooks.ts';
import { TestClient, errorCode, type GraphqlResult } from '../fixtures/accounts-app.ts';
import type { TestDatabase } from './database.ts';

export { TestClient, errorCode, type GraphqlResult };

export const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));
export const programmesRoot = path.join(repoRoot, 'programmes');
export const testPassword = 'Test@2026pass';

export interface ProgrammeTestApp {
  app: FastifyInstance;
  clock: FakeClock;
  dataDir: string;
  close(): Promise<void>;
}

/** For suites about something else than prints: the flow without the print area's stamped-scan submit rule. */
export const withoutStampedScan = (standard: WorkflowHooks): WorkflowHooks => ({ ...standard, beforeSubmit: [] });

export async function startProgrammeApp(
  database: TestDatabase, start = '2026-03-02T01:00:00Z', options: Pick<BuildOptions, 'workflowHooks'> = {},
): Promise<ProgrammeTestApp> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'sb-flow-'));
  const clock = new FakeClock(start);
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DATA_DIR: dataDir });
  const app = await buildApp(config, { database, skipMigrations: true, clock, ...options });
  return {
    app, clock, dataDir,
    close: async () => {
      await app.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** Publishes a real programme folder and opens every window from the clock's now for `days` days. */
export async function publishAndOpen(app: FastifyInstance, programmeId: string, days = 60): Promise<void> {
  const files = await readProgrammeFolder(path.join(programmesRoot, programmeId));
  const result = await app.services.programmes.publish(files, null);
  if (result.status === 'refused') throw new Error(`${programmeId} refused: ${JSON.stringify(result.problems.slice(0, 3))}`);
  await openWindows(app, programmeId, days);
}

export async function openWindows(app: FastifyInstance, programmeId: string, days: number): Promise<void> {
  const now = app.services.clock.now();
  const runtime = await app.services.programmes.currentRuntime(programmeId);
  for (const windowId of Object.keys(runtime.programme.manifest.windows)) {
    await app.services.programmes.setWindow(programmeId, windowId, new Date(now.getTime() - 60_000), new Date(now.getTime() + days * 86_400_000));
  }
}

let mobileSeq = 0;
/** A fresh, valid mainland mobile number for each account a test creates. */
export function nextMobile(): string {
  mobileSeq += 1;
  return `136${String(process.pid % 10000).padStart(4, '0')}${String(mobileSeq).padStart(4, '0')}`;
}

export async function createApplicant(app: FastifyInstance, organisationName: string): Promise<TestClient> {
  const mobile = nextMobile();
  const organisationId = `test-org-${mobile}`;
  const now = app.services.clock.now();
  await app.services.db.insert(organisations).values({ id: organisationId, name: organisationName, kind: 'applicant', createdAt: now, updatedAt: now });
  await app.services.accounts.createUser(
    { mobile, name: `${organisationName}经办人`, password: testPassword, mustChangePassword: false, mobileVerified: true, grants: [{ role: 'applicant', organisationId, programmeId: '' }] },
    { actorId: null, action: 'test.seed' }, app.services.db,
  );
  return login(app, mobile);
}

export async function createReviewer(app: FastifyInstance, organisationId: string): Promise<TestClient> {
  const [unit] = await app.services.db.select().from(organisations).where(eq(organisations.id, organisationId));
  if (!unit) throw new Error(`no organisation ${organisationId}`);
  const mobile = nextMobile();
  await app.services.accounts.createUser(
    { mobile, name: `${unit.name}审核员`, password: testPassword, mustChangePassword: false, mobileVerified: true, grants: [{ role: 'reviewer', organisationId, programmeId: '' }] },
    { actorId: null, action: 'test.seed' }, app.services.db,
  );
  return login(app, mobile);
}

export async function createProgrammeAdmin(app: FastifyInstance): Promise<TestClient> {
  const mobile = nextMobile();
  await app.services.accounts.createUser(
    { mobile, name: '项目管理员', password: testPassword, mustChangePassword: false, mobileVerified: true, grants: [{ role: 'platform_admin', organisationId: '', programmeId: '' }] },
    { actorId: null, action: 'test.seed' }, app.services.db,
  );
  return login(app, mobile);
}

async function login(app: FastifyInstance, mobile: string): Promise<TestClient> {
  const client = new TestClient(app);
  const result = await client.login(mobile, testPassword);
  if (result.errors) throw new Error(`login failed: ${JSON.stringify(result.errors)}`);
  return client;
}

/** A programme's fixture, e.g. fixtures/complete.json. */
export async function readFixture(programmeId: string, name = 'complete'): Promise<{ data: Record<string, Record<string, unknown>>; tasks?: Record<string, { outcome?: string; data?: Record<string, unknown> }> }> {
  return JSON.parse(await readFile(path.join(programmesRoot, programmeId, 'fixtures', `${name}.json`), 'utf8'));
}

/** Throws with the API's own error when a GraphQL call failed: keeps scenario tests readable. */
export function ok<T>(result: GraphqlResult<T>): T {
  if (result.errors || !result.data) throw new Error(`GraphQL failed: ${JSON.stringify(result.errors)}`);
  return result.data;
}

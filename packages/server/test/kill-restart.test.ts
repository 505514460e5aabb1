/**
 * Crash safety: a real server process is killed with SIGKILL while submits and approvals are in flight, then started
 * again. Every application must be in a whole state — the commands that committed are fully there (data, flow state,
 * tasks, history), the ones that did not left no trace — and the work can simply be retried.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { openDatabase, type DatabaseHandle } from '../src/db/client.ts';
import { applicationEvents, applications, tasks } from '../src/db/schema/index.ts';
import type { SerializedState } from '@shenbao/engine';
import { createTestDatabase, databaseKinds, type DatabaseKind, type TestDatabase } from './helpers/database.ts';
import { startCli, waitForOutput, type CliRun } from './helpers/cli-process.ts';
import { createApplicant, createReviewer, publishAndOpen, readFixture } from './helpers/programme-app.ts';
import { filledApplication, sessionUserOf } from './helpers/seeded-applications.ts';

const programmeId = 'national-makerspace-filing-2021';
const APPLICATIONS = 12;

for (const kind of databaseKinds) {
  describe(`kill -9 in the middle of submits and approvals [${kind}]`, () => {
    let dataDir: string;
    let testDb: TestDatabase | undefined;
    let ids: string[] = [];
    let applicantMobile = '';
    let reviewerMobile = '';
    let server: CliRun | undefined;

    const env = (port: number): Record<string, string> => ({
      NODE_ENV: 'test', PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, SEED_DEMO: 'false', LOG_LEVEL: 'warn',
      // The programme is already published in this database: start-up has nothing to publish.
      PROGRAMMES_DIR: path.join(dataDir, 'no-programmes'),
      ...(testDb?.url ? { DATABASE_URL: testDb.url } : {}),
    });

    /** Opens the same database this test's server uses (for PGlite only while no server runs). */
    async function openShared(): Promise<DatabaseHandle> {
      return testDb?.url ? openDatabase({ url: testDb.url, maxConnections: 2 }) : openDatabase({ dataDir });
    }

    beforeAll(async () => {
      dataDir = await mkdtemp(path.join(os.tmpdir(), 'sb-crash-'));
      if (kind === ('postgres' satisfies DatabaseKind)) testDb = await createTestDatabase('postgres');
      const database = await openShared();
      await database.migrate();
      const app = await buildApp(loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DATA_DIR: dataDir }), { database, skipMigrations: true });
      try {
        await publishAndOpen(app, programmeId);
        const applicant = await createApplicant(app, '北京中关村创业孵化有限公司');
        const reviewer = await createReviewer(app, 'jiangsu-st');
        applicantMobile = (await applicant.gql<{ me: { mobile: string } }>('{ me { mobile } }')).data!.me.mobile;
        reviewerMobile = (await reviewer.gql<{ me: { mobile: string } }>('{ me { mobile } }')).data!.me.mobile;
        const user = await sessionUserOf(app, applicantMobile);
        ids = [];
        for (let i = 0; i < APPLICATIONS; i++) ids.push(await filledApplication(app, user, programmeId, { basic: { acceptingAgency: 'jiangsu-st' } }));
        // Half of them are already waiting for the agency, so the crash hits approvals as well as submits.
        for (const id of ids.slice(0, APPLICATIONS / 2)) await app.services.submissions.submit(user, id);
      } finally {
        await app.close();
        await database.close();
      }
    }, 180_000);

    afterAll(async () => {
      server?.child.kill('SIGKILL');
      await testDb?.drop();
      await rm(dataDir, { recursive: true, force: true });
    });

    async function start(port: number): Promise<string> {
      server = startCli(['serve'], env(port));
      await waitForOutput(server, (out) => out.includes(`:${port}`), 90_000);
      return `http://127.0.0.1:${port}`;
    }

    async function login(base: string, mobile: string): Promise<string> {
      const response = await fetch(`${base}/graphql`, {
        method: 'POST', headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: 'mutation($m: String!, $p: String!) { login(mobile: $m, password: $p) { id } }', variables: { m: mobile, p: 'Test@2026pass' } }),
      });
      const cookie = response.headers.get('set-cookie') ?? '';
      return /sb_session=[^;]+/.exec(cookie)![0];
    }

    function gql(base: string, cookie: string, query: string, variables: Record<string, unknown>): Promise<unknown> {
      return fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', cookie }, body: JSON.stringify({ query, variables }) })
        .then((r) => r.json(), (error: unknown) => ({ transportError: String(error) }));
    }

    it('leaves every application whole and lets the work be retried after a restart', async () => {
      const port = 20_000 + Math.floor(Math.random() * 20_000);
      let base = await start(port);
      const applicantCookie = await login(base, applicantMobile);
      const reviewerCookie = await login(base, reviewerMobile);
      const fixture = await readFixture(programmeId);
      const approveData = fixture.tasks!.agencyReview!.data!;
      const inboxQuery = '{ inbox { task { id applicationId } } }';
      const inbox = (await gql(base, reviewerCookie, inboxQuery, {}) as { data: { inbox: Array<{ task: { id: string } }> } }).data.inbox;
      expect(inbox).toHaveLength(APPLICATIONS / 2);

      const work = [
        ...ids.slice(APPLICATIONS / 2).map((id) => gql(base, applicantCookie, 'mutation($a: ID!) { submitApplication(applicationId: $a) { status } }', { a: id })),
        ...inbox.map((item) => gql(base, reviewerCookie, 'mutation($t: ID!, $d: JSON) { completeTask(taskId: $t, outcome: "approve", data: $d) { id } }', { t: item.task.id, d: approveData })),
      ];
      // Kill as soon as the first command has answered (so at least one committed) while the others are in flight.
      await Promise.race(work);
      server!.child.kill('SIGKILL');
      await server!.exited;
      const answered = (await Promise.allSettled(work)).filter((r) => r.status === 'fulfilled' && !('transportError' in (r.value as object))).length;
      expect(answered).toBeGreaterThanOrEqual(1);
      expect(answered).toBeLessThan(work.length);

      base = await start(port);
      const again = await login(base, applicantMobile);
      const reviewerAgain = await login(base, reviewerMobile);
      // Retry everything; what already happened is refused cleanly, the rest now goes through.
      for (const id of ids.slice(APPLICATIONS / 2)) await gql(base, again, 'mutation($a: ID!) { submitApplication(applicationId: $a) { status } }', { a: id });
      const left = (await gql(base, reviewerAgain, inboxQuery, {}) as { data: { inbox: Array<{ task: { id: string; applicationId: string } }> } }).data.inbox;
      for (const item of left.filter((i) => ids.slice(0, APPLICATIONS / 2).includes(i.task.applicationId))) {
        await gql(base, reviewerAgain, 'mutation($t: ID!, $d: JSON) { completeTask(taskId: $t, outcome: "approve", data: $d) { id } }', { t: item.task.id, d: approveData });
      }
      server!.child.kill('SIGTERM');
      await server!.exited;
      server = undefined;

      const database = await openShared();
      try {
        for (const id of ids) {
          const [row] = await database.db.select().from(applications).where(eq(applications.id, id));
          const state = row!.flowState as SerializedState;
          const open = await database.db.select().from(tasks).where(and(eq(tasks.applicationId, id), eq(tasks.status, 'open')));
          const events = await database.db.select().from(applicationEvents).where(eq(applicationEvents.applicationId, id));
          expect(row!.status).toBe('in_review');
          // The mirrored tasks are exactly the flow's open tasks: nothing half-written between the two.
          expect(open.map((t) => t.flowTaskId).sort()).toEqual(state.openTasks.map((t) => t.id).sort());
          expect(events.filter((e) => e.action === 'submit')).toHaveLength(1);
          const approvals = events.filter((e) => e.taskDefinitionId === 'agencyReview');
          const expected = ids.indexOf(id) < APPLICATIONS / 2 ? 1 : 0;
          expect(approvals).toHaveLength(expected);
          expect(open.map((t) => t.definitionId)).toEqual([expected ? 'torchReview' : 'agencyReview']);
        }
      } finally {
        await database.close();
      }
    }, 300_000);
  });
}

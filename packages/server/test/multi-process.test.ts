/**
 * Several `serve` processes on one PostgreSQL database (issue 21, items 1-3 and 5): three real processes — roles
 * all, web and worker — started at the same moment with the demo seed and FILE_STORE=postgres. Requests go to the
 * processes in turn (a client-side round robin, as a reverse proxy would spread them), and each racer of a race to
 * a different process.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoPassword } from '../src/demo/demo-accounts.ts';
import { startCli, waitForOutput, type CliRun } from './helpers/cli-process.ts';
import { createTestDatabase, type TestDatabase } from './helpers/database.ts';
import { freePort } from './helpers/free-port.ts';

const programmeId = 'jn-sme-platform-2020';
const applicantMobile = '13900000001';


interface ServeProcess { role: string; url: string; run: CliRun; dataDir: string }

/** One user's browser: one session cookie, each request to the next process in turn (or to a chosen one). */
class RoundRobinClient {
  private cookie: string | undefined;
  private next = 0;

  constructor(private readonly urls: string[]) {}

  pick(): string {
    const url = this.urls[this.next % this.urls.length]!;
    this.next += 1;
    return url;
  }

  async fetch(pathname: string, init: RequestInit = {}, base = this.pick()): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookie) headers.set('cookie', `sb_session=${this.cookie}`);
    const response = await fetch(`${base}${pathname}`, { ...init, headers });
    const set = response.headers.get('set-cookie');
    const match = set?.match(/sb_session=([^;]*)/);
    if (match) this.cookie = match[1] || undefined;
    return response;
  }

  async gql<T>(query: string, variables: Record<string, unknown> = {}, base?: string): Promise<{ data?: T; errors?: Array<{ extensions: { code: string } }> }> {
    const response = await this.fetch('/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) }, base);
    return response.json() as Promise<{ data?: T; errors?: Array<{ extensions: { code: string } }> }>;
  }
}

const pdf = Buffer.from(`%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n% ${'x'.repeat(3000)}\ntrailer << /Root 1 0 R >>\n%%EOF\n`);

describe.skipIf(!process.env.TEST_DATABASE_URL)('three serve processes on one PostgreSQL', () => {
  let database: TestDatabase;
  const processes: ServeProcess[] = [];
  let web: string[] = [];

  beforeAll(async () => {
    database = await createTestDatabase('postgres');
    // All three at the same moment: migrations, publishing and the demo seed run once, under the start-up lock.
    for (const role of ['all', 'web', 'worker']) {
      const port = await freePort();
      const dataDir = await mkdtemp(path.join(os.tmpdir(), `sb-multi-${role}-`));
      const run = startCli(['serve', '--role', role], {
        DATABASE_URL: database.url!, FILE_STORE: 'postgres', SEED_DEMO: 'true', PORT: String(port), DATA_DIR: dataDir, NODE_ENV: 'production',
      });
      processes.push({ role, url: `http://127.0.0.1:${port}`, run, dataDir });
    }
    await Promise.all(processes.map((p) => waitForOutput(p.run, (out) => out.includes('shenbao is listening'), 240_000)));
    web = processes.filter((p) => p.role !== 'worker').map((p) => p.url);
  }, 300_000);

  afterAll(async () => {
    for (const p of processes) p.run.child.kill('SIGTERM');
    await Promise.all(processes.map((p) => p.run.exited));
    for (const p of processes) await rm(p.dataDir, { recursive: true, force: true });
    await database?.drop();
  }, 60_000);

  it('started together, they migrated, published and seeded exactly once', async () => {
    const sql = postgres(database.url!, { max: 1, onnotice: () => {} });
    try {
      const versions = await sql`select programme_id, count(*)::int as n from programme_versions group by programme_id`;
      expect(versions.length).toBeGreaterThanOrEqual(5);
      for (const row of versions) expect(row.n, String(row.programme_id)).toBe(1);
      const [users] = await sql`select count(*)::int as n, count(distinct mobile)::int as distinct_mobiles from users`;
      expect(users!.n).toBe(users!.distinct_mobiles);
    } finally {
      await sql.end();
    }
  });

  it('a worker serves /healthz and nothing of the API; every process reports the database up', async () => {
    const worker = processes.find((p) => p.role === 'worker')!;
    expect((await fetch(`${worker.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ serverTime }"}' })).status).toBe(404);
    for (const p of processes) {
      const health = await fetch(`${p.url}/healthz`);
      expect(health.status, p.role).toBe(200);
      expect(await health.json()).toMatchObject({ status: 'ok', database: 'postgres', databaseState: 'up' });
    }
  });

  it('a session made on one process is valid on the others; a programme published through one is seen by all', async () => {
    const client = new RoundRobinClient(web);
    const login = await client.gql<{ login: { id: string } }>('mutation($m: String!, $p: String!) { login(mobile: $m, password: $p) { id } }', { m: applicantMobile, p: demoPassword }, web[0]);
    expect(login.errors).toBeUndefined();
    for (const base of web) {
      const me = await client.gql<{ me: { mobile: string } | null }>('{ me { mobile } }', {}, base);
      expect(me.data?.me?.mobile, base).toBe(applicantMobile);
      const programme = await client.gql<{ programme: { id: string } | null }>('query($id: ID!) { programme(id: $id) { id } }', { id: programmeId }, base);
      expect(programme.data?.programme?.id, base).toBe(programmeId);
    }
  });

  it('a file uploaded through one process downloads byte for byte through another; racing saves of one revision have one winner', async () => {
    const client = new RoundRobinClient(web);
    await client.gql('mutation($m: String!, $p: String!) { login(mobile: $m, password: $p) { id } }', { m: applicantMobile, p: demoPassword });
    const created = await client.gql<{ createApplication: { id: string } }>('mutation($p: ID!) { createApplication(programmeId: $p) { id } }', { p: programmeId }, web[0]);
    const applicationId = created.data!.createApplication.id;

    const form = new FormData();
    form.set('purpose', 'section');
    form.set('applicationId', applicationId);
    form.set('fieldPointer', '/uploads/licence');
    form.set('file', new Blob([pdf], { type: 'application/pdf' }), '营业执照.pdf');
    const uploaded = await client.fetch('/api/files', { method: 'POST', body: form }, web[0]);
    expect(uploaded.status, await uploaded.clone().text()).toBe(201);
    const { id } = (await uploaded.json()) as { id: string };
    const download = await client.fetch(`/api/files/${id}`, {}, web[1]);
    expect(download.status).toBe(200);
    expect(Buffer.from(await download.arrayBuffer()).equals(pdf)).toBe(true);

    // The same revision saved through two processes at once: exactly one is applied, the other is told of the conflict.
    const save = 'mutation($a: ID!, $d: JSON!) { saveSection(applicationId: $a, sectionId: "uploads", data: $d, sectionRevision: 0) { sectionRevision } }';
    const results = await Promise.all(web.map((base) => client.gql<{ saveSection: { sectionRevision: number } }>(save, { a: applicationId, d: { licence: id } }, base)));
    expect(results.filter((r) => r.data?.saveSection).length).toBe(1);
    expect(results.filter((r) => r.errors?.[0]?.extensions.code === 'SB_ERR_CONFLICT').length).toBe(1);
  });

  it('a print asked of a web process is rendered exactly once by the processes that render, and its progress is seen everywhere', async () => {
    const client = new RoundRobinClient(web);
    await client.gql('mutation($m: String!, $p: String!) { login(mobile: $m, password: $p) { id } }', { m: applicantMobile, p: demoPassword });
    const created = await client.gql<{ createApplication: { id: string } }>('mutation($p: ID!) { createApplication(programmeId: $p) { id } }', { p: programmeId });
    const applicationId = created.data!.createApplication.id;
    const webOnly = processes.find((p) => p.role === 'web')!.url;
    const asked = await client.gql<{ requestPrint: { id: string } }>('mutation($a: ID!) { requestPrint(applicationId: $a, printId: "declaration") { id } }', { a: applicationId }, webOnly);
    expect(asked.errors).toBeUndefined();
    const jobId = asked.data!.requestPrint.id;
    let status = 'queued';
    const started = Date.now();
    while (status !== 'done' && status !== 'failed' && Date.now() - started < 120_000) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      const job = await client.gql<{ printJob: { status: string } }>('query($id: ID!) { printJob(id: $id) { status } }', { id: jobId });
      status = job.data?.printJob.status ?? status;
    }
    expect(status).toBe('done');
    const sql = postgres(database.url!, { max: 1, onnotice: () => {} });
    try {
      const versions = await sql`select count(*)::int as n from print_versions where application_id = ${applicationId}`;
      expect(versions[0]!.n).toBe(1);
    } finally {
      await sql.end();
    }
  }, 180_000);
});

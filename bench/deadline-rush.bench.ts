/**
 * Deadline day (issue 21, item 6): simulated applicants on loopback against real `serve` processes on one PostgreSQL
 * database (FILE_STORE=postgres), first one process, then two. Each applicant autosaves a realistic section (jn's
 * 企业基本信息, 14 fields) every 30 s; meanwhile one book print is asked every 2 s and one 5 MB scan uploaded every
 * 2 s. At the end every acknowledged save is read back from the database (lost writes). Then a saturation phase
 * (closed loop, 64 savers) gives the saves/s each configuration can do, with pgbench simple-update tps on the same
 * server as the baseline. Submits are not part of the load (see bench/README.md).
 *
 * `npm run bench -- deadline-rush`; RUSH_APPLICANTS (default 2000), RUSH_SECONDS (default 180),
 * BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres, a server where databases may be created).
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import postgres from 'postgres';
import type { BenchResult } from './types.ts';
import { freePort } from '../packages/server/test/helpers/free-port.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const adminUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const applicantCount = Number(process.env.RUSH_APPLICANTS ?? 2000);
const rushSeconds = Number(process.env.RUSH_SECONDS ?? 180);
const autosaveMs = 30_000;
const programmeId = 'jn-sme-platform-2020';
const fixture = (JSON.parse(readFileSync(path.join(root, 'programmes', programmeId, 'fixtures/complete.json'), 'utf8')) as { data: { enterprise: Record<string, unknown> } }).data.enterprise;


interface Server { url: string; child: ChildProcess; dataDir: string }

async function startServer(databaseUrl: string): Promise<Server> {
  const port = await freePort();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'sb-rush-'));
  const child = spawn(process.execPath, ['--import', 'tsx', 'packages/server/src/cli/main.ts', 'serve'], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', DATABASE_URL: databaseUrl, FILE_STORE: 'postgres', DATA_DIR: dataDir, PORT: String(port), LOG_LEVEL: 'error', NODE_ENV: 'production' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  await new Promise<void>((resolve, reject) => {
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      output += chunk;
      if (output.includes('shenbao is listening')) resolve();
    });
    child.on('exit', (code) => reject(new Error(`serve exited (${code}):\n${output}`)));
  });
  child.removeAllListeners('exit');
  return { url: `http://127.0.0.1:${port}`, child, dataDir };
}

async function stopServer(server: Server): Promise<void> {
  const exited = new Promise((resolve) => server.child.on('exit', resolve));
  server.child.kill('SIGTERM');
  await exited;
  rmSync(server.dataDir, { recursive: true, force: true });
}

interface Applicant { token: string; applicationId: string; revision: number; ackMarker: string | undefined; ackRevision: number }

/** Accounts and sessions written straight into the database (2,000 argon2 logins would measure argon2, not the rush). */
async function seedApplicants(sql: postgres.Sql, count: number): Promise<Applicant[]> {
  const now = new Date();
  const expires = new Date(now.getTime() + 86_400_000);
  const applicants: Applicant[] = [];
  for (let start = 0; start < count; start += 500) {
    const batch = Array.from({ length: Math.min(500, count - start) }, (_, i) => {
      const n = start + i;
      const token = randomBytes(32).toString('base64url');
      return { n, token, userId: randomUUID(), orgId: `rush-org-${n}` };
    });
    await sql`insert into organisations ${sql(batch.map((b) => ({ id: b.orgId, name: `压测企业${b.n}`, kind: 'applicant' })))}`;
    await sql`insert into users ${sql(batch.map((b) => ({ id: b.userId, mobile: `135${String(b.n).padStart(8, '0')}`, name: `压测经办人${b.n}`, password_hash: 'x', mobile_verified_at: now })))}`;
    await sql`insert into role_grants ${sql(batch.map((b) => ({ user_id: b.userId, role: 'applicant', organisation_id: b.orgId, programme_id: '' })))}`;
    await sql`insert into sessions ${sql(batch.map((b) => ({ id_hash: createHash('sha256').update(b.token).digest('hex'), user_id: b.userId, created_at: now, last_seen_at: now, expires_at: expires })))}`;
    for (const b of batch) applicants.push({ token: b.token, applicationId: '', revision: 0, ackMarker: undefined, ackRevision: 0 });
  }
  return applicants;
}

interface Sample { op: string; ms: number; status: number }

async function call(url: string, token: string, body: unknown, samples: Sample[], op: string): Promise<{ status: number; json: Record<string, unknown> }> {
  const started = performance.now();
  const response = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', cookie: `sb_session=${token}` }, body: JSON.stringify(body) });
  const json = (await response.json().catch(() => ({}))) as Record<string, unknown>;
  samples.push({ op, ms: performance.now() - started, status: response.status });
  return { status: response.status, json };
}

const saveMutation = 'mutation($a: ID!, $d: JSON!, $r: Int!) { saveSection(applicationId: $a, sectionId: "enterprise", data: $d, sectionRevision: $r) { sectionRevision } }';

async function save(url: string, applicant: Applicant, samples: Sample[], op = 'autosave'): Promise<void> {
  const marker = randomUUID();
  const { json } = await call(url, applicant.token, { query: saveMutation, variables: { a: applicant.applicationId, d: { ...fixture, address: `${String(fixture.address)} ${marker}` }, r: applicant.revision } }, samples, op);
  const revision = (json.data as { saveSection?: { sectionRevision: number } } | undefined)?.saveSection?.sectionRevision;
  if (revision !== undefined) {
    applicant.revision = revision;
    applicant.ackRevision = revision;
    applicant.ackMarker = marker;
  }
}

async function upload(url: string, applicant: Applicant, bytes: Buffer, samples: Sample[]): Promise<void> {
  const form = new FormData();
  form.set('purpose', 'section');
  form.set('applicationId', applicant.applicationId);
  form.set('fieldPointer', '/uploads/licence');
  form.set('file', new Blob([new Uint8Array(bytes)], { type: 'application/pdf' }), 'scan.pdf');
  const started = performance.now();
  const response = await fetch(`${url}/api/files`, { method: 'POST', body: form, headers: { cookie: `sb_session=${applicant.token}` } });
  await response.arrayBuffer();
  samples.push({ op: 'upload 5 MB', ms: performance.now() - started, status: response.status });
}

function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

function scanPdf(size: number): Buffer {
  const head = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%');
  const tail = Buffer.from('\ntrailer << /Root 1 0 R >>\n%%EOF\n');
  // Printable filler: the active-content scan reads it like a real scan's image stream.
  const filler = Buffer.alloc(size - head.length - tail.length, 0x41);
  return Buffer.concat([head, filler, tail]);
}

interface RushOutcome { saves: number; savesPerSecond: number; p50: Record<string, number>; p99: Record<string, number>; errors: number; fiveXx: number; lost: number; saturation: number }

async function rush(processCount: number): Promise<RushOutcome> {
  const name = `sb_rush_${Date.now().toString(36)}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const servers: Server[] = [];
  const sql = postgres(url.toString(), { max: 4, onnotice: () => {} });
  try {
    servers.push(await startServer(url.toString()));
    for (let i = 1; i < processCount; i += 1) servers.push(await startServer(url.toString()));
    const urls = servers.map((s) => s.url);
    await openWindows(sql);
    const applicants = await seedApplicants(sql, applicantCount);
    const setup: Sample[] = [];
    for (let i = 0; i < applicants.length; i += 50) {
      await Promise.all(applicants.slice(i, i + 50).map(async (a, j) => {
        const { json } = await call(urls[(i + j) % urls.length]!, a.token, { query: 'mutation($p: ID!) { createApplication(programmeId: $p) { id } }', variables: { p: programmeId } }, setup, 'create');
        a.applicationId = (json.data as { createApplication: { id: string } }).createApplication.id;
      }));
    }

    const samples: Sample[] = [];
    const scan = scanPdf(5 * 1024 * 1024);
    const endAt = performance.now() + rushSeconds * 1000;
    let next = 0;
    const pick = (): string => urls[next++ % urls.length]!;
    // Each applicant autosaves every 30 s, starting at a random moment of the first interval.
    const savers = applicants.map(async (a) => {
      await new Promise((resolve) => setTimeout(resolve, Math.random() * autosaveMs));
      while (performance.now() < endAt) {
        const started = performance.now();
        await save(pick(), a, samples);
        await new Promise((resolve) => setTimeout(resolve, Math.max(0, autosaveMs - (performance.now() - started))));
      }
    });
    const every = async (ms: number, work: (n: number) => Promise<void>): Promise<void> => {
      const pending: Promise<void>[] = [];
      for (let n = 0; performance.now() < endAt; n += 1) {
        pending.push(work(n).catch(() => undefined));
        await new Promise((resolve) => setTimeout(resolve, ms));
      }
      await Promise.all(pending);
    };
    const prints = every(2_000, async (n) => {
      const a = applicants[n % applicants.length]!;
      await call(pick(), a.token, { query: 'mutation($a: ID!) { requestPrint(applicationId: $a, printId: "declaration") { id } }', variables: { a: a.applicationId } }, samples, 'print request');
    });
    const uploads = every(2_000, async (n) => upload(pick(), applicants[(n * 7) % applicants.length]!, scan, samples));
    await Promise.all([...savers, prints, uploads]);

    // Lost writes: every acknowledged save must be what the database holds now.
    let lost = 0;
    const rows = await sql<{ id: string; revisions: Record<string, number>; address: string | null }[]>`
      select id, section_revisions as revisions, data->'enterprise'->>'address' as address from applications where applicant_organisation_id like 'rush-org-%'`;
    const byId = new Map(rows.map((r) => [r.id, r]));
    for (const a of applicants) {
      if (a.ackMarker === undefined) continue;
      const row = byId.get(a.applicationId);
      if (!row || (row.revisions.enterprise ?? 0) !== a.ackRevision || !row.address?.endsWith(a.ackMarker)) lost += 1;
    }

    // Saturation: 64 savers in a closed loop for 20 s.
    const saturationSamples: Sample[] = [];
    const saturationEnd = performance.now() + 20_000;
    await Promise.all(applicants.slice(0, 64).map(async (a) => {
      while (performance.now() < saturationEnd) await save(pick(), a, saturationSamples, 'saturation');
    }));
    const saturation = saturationSamples.filter((s) => s.status === 200).length / 20;

    const ops = [...new Set(samples.map((s) => s.op))];
    const saves = samples.filter((s) => s.op === 'autosave');
    return {
      saves: saves.length,
      savesPerSecond: saves.length / rushSeconds,
      p50: Object.fromEntries(ops.map((op) => [op, percentile(samples.filter((s) => s.op === op).map((s) => s.ms), 50)])),
      p99: Object.fromEntries(ops.map((op) => [op, percentile(samples.filter((s) => s.op === op).map((s) => s.ms), 99)])),
      errors: samples.filter((s) => s.status !== 200 && s.status !== 201).length,
      fiveXx: samples.filter((s) => s.status >= 500).length,
      lost,
      saturation,
    };
  } finally {
    await Promise.all(servers.map(stopServer));
    await sql.end();
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}

/** Every window of the programme open from now for 30 days (as an administrator would set them). */
async function openWindows(sql: postgres.Sql): Promise<void> {
  const [row] = await sql<{ files: Record<string, string> }[]>`select v.files from programmes p join programme_versions v on v.id = p.current_version_id where p.id = ${programmeId}`;
  const manifest = JSON.parse(row!.files['programme.json']!) as { windows: Record<string, unknown> };
  const from = new Date(Date.now() - 60_000).toISOString();
  const to = new Date(Date.now() + 30 * 86_400_000).toISOString();
  const overrides = Object.fromEntries(Object.keys(manifest.windows).map((id) => [id, { opens: from, closes: to }]));
  await sql`update programmes set window_overrides = ${sql.json(overrides)} where id = ${programmeId}`;
}

function pgbenchTps(): number | undefined {
  const bin = existsSync('/usr/lib/postgresql') ? readdirSync('/usr/lib/postgresql').sort().map((v) => `/usr/lib/postgresql/${v}/bin/pgbench`).find(existsSync) : undefined;
  if (!bin) return undefined;
  const url = new URL(adminUrl);
  const args = ['-h', url.hostname, '-p', url.port || '5432', '-U', url.username || 'postgres'];
  const name = `sb_pgbench_${Date.now().toString(36)}`;
  const admin = (sqlText: string) => execFileSync('psql', [...args, '-d', 'postgres', '-qc', sqlText], { stdio: 'pipe' });
  admin(`create database ${name}`);
  try {
    execFileSync(bin, [...args, '-i', '-s', '10', '-q', name], { stdio: 'pipe' });
    const out = execFileSync(bin, [...args, '-b', 'simple-update', '-c', '16', '-j', '2', '-T', '20', name], { stdio: 'pipe' }).toString();
    return Number(/tps = ([\d.]+)/.exec(out)?.[1]);
  } finally {
    admin(`drop database if exists ${name} with (force)`);
  }
}

export async function run(): Promise<BenchResult[]> {
  const one = await rush(1);
  const two = await rush(2);
  const tps = pgbenchTps();
  const results: BenchResult[] = [];
  for (const [label, r] of [['1 process', one], ['2 processes', two]] as const) {
    results.push(
      { name: `rush ${label}: lost writes (${r.saves} autosaves of ${applicantCount} applicants, ${rushSeconds} s)`, figure: r.lost, unit: 'saves', target: '0', pass: r.lost === 0 },
      { name: `rush ${label}: 5xx answers`, figure: r.fiveXx, unit: 'answers', target: '0', pass: r.fiveXx === 0 },
      { name: `rush ${label}: other refusals`, figure: r.errors - r.fiveXx, unit: 'answers' },
      { name: `rush ${label}: autosaves`, figure: Number(r.savesPerSecond.toFixed(1)), unit: 'saves/s' },
      ...Object.keys(r.p50).map((op) => ({ name: `rush ${label}: ${op} p50 / p99`, figure: Math.round(r.p50[op]!), unit: `ms p50 (p99 ${Math.round(r.p99[op]!)} ms)`, ...(op === 'autosave' && label === '1 process' ? { target: 'p99 < 200 ms', pass: r.p99[op]! < 200 } : {}) })),
    );
  }
  results.push({
    name: 'saturation: draft saves/s, 2 processes vs 1', figure: Number(two.saturation.toFixed(1)), unit: 'saves/s',
    baseline: { name: '1 process', figure: Number(one.saturation.toFixed(1)) }, ratio: two.saturation / one.saturation, target: '≥ 1.6×', pass: two.saturation / one.saturation >= 1.6,
  });
  if (tps !== undefined) {
    results.push({
      name: 'saturation: draft saves/s of 1 process vs pgbench simple-update', figure: Number(one.saturation.toFixed(1)), unit: 'saves/s',
      baseline: { name: 'pgbench simple-update tps, 16 clients', figure: Math.round(tps) }, ratio: one.saturation / tps, target: '≥ 0.5×', pass: one.saturation / tps >= 0.5,
    });
  }
  return results;
}

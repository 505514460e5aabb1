/**
 * Completing review tasks through the API — GraphQL request → permission checks → flow step → persistence of data,
 * tasks, timers and history in one transaction — against bare in-memory bpmn-engine steps of the same flow in the
 * same run (engines kept live, nothing serialised or stored). Targets (issue "Approval flows"): ≥ 200 completions/s
 * and ≥ 0.5× the bare rate. Always on the embedded PGlite, as `npm start` runs; also on a PostgreSQL server when
 * BENCH_DATABASE_URL names a scratch database (the requests then run in parallel on separate connections, and the
 * database's work runs in its own processes instead of on the Node thread).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { completeTask, isStepFailure, loadFlow, startFlow, type StepResult } from '../packages/engine/src/index.ts';
import { createFakeClock } from '../packages/engine/src/environment.ts';
import { signalLastWaiting, startBareInstance } from './bare-bpmn-engine.ts';
import { buildApp } from '../packages/server/src/app.ts';
import { loadConfig } from '../packages/server/src/config.ts';
import { openDatabase } from '../packages/server/src/db/client.ts';
import { createApplicant, createReviewer, publishAndOpen, readFixture } from '../packages/server/test/helpers/programme-app.ts';
import { filledApplication, sessionUserOf } from '../packages/server/test/helpers/seeded-applications.ts';
import type { BenchResult } from './types.ts';

const programmeId = 'national-makerspace-filing-2021';
const APPLICATIONS = Number(process.env.BENCH_APPLICATIONS ?? 120);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);

/** Bare bpmn-engine: one live engine per application, each signalled at its review task; nothing serialised. */
async function bareStepsPerSecond(xml: string, variables: Record<string, unknown>, count: number): Promise<number> {
  const instances = [];
  for (let i = 0; i < count; i++) instances.push(await startBareInstance(xml, variables));
  const started = performance.now();
  let steps = 0;
  for (const instance of instances) {
    for (const outcome of ['approve', 'recognise']) {
      signalLastWaiting(instance, outcome);
      steps += 1;
    }
  }
  return steps / ((performance.now() - started) / 1000);
}

/** Our runner alone (interpreter, JSON state in and out), for the record. */
async function runnerStepsPerSecond(xml: string, variables: Record<string, unknown>, count: number): Promise<number> {
  const flow = await loadFlow(xml);
  const env = { clock: createFakeClock('2026-03-02T00:00:00Z') };
  const starts: StepResult[] = [];
  for (let i = 0; i < count; i++) {
    const start = await startFlow(flow, { variables, env });
    if (isStepFailure(start)) throw new Error(start.error.message.en);
    starts.push(start);
  }
  const started = performance.now();
  let steps = 0;
  for (const start of starts) {
    let state = JSON.parse(JSON.stringify(start.state));
    let open = start.openTasks;
    for (const outcome of ['approve', 'recognise']) {
      const next = await completeTask(flow, state, { taskId: open[0]!.id, outcome, data: {} }, env);
      if (isStepFailure(next)) throw new Error(next.error.message.en);
      state = JSON.parse(JSON.stringify(next.state));
      open = next.openTasks;
      steps += 1;
    }
  }
  return steps / ((performance.now() - started) / 1000);
}

interface ApiFigures { rate: number; cpuMs: number; p50: number; p99: number; variables: Record<string, unknown>; xml: string }

async function apiCompletionsPerSecond(databaseUrl: string | undefined): Promise<ApiFigures> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'sb-bench-'));
  const database = await openDatabase({ url: databaseUrl, maxConnections: CONCURRENCY + 2 });
  await database.migrate();
  const app = await buildApp(loadConfig({ NODE_ENV: 'production', LOG_LEVEL: 'silent', DATA_DIR: dataDir }), { database, skipMigrations: true });
  try {
    await publishAndOpen(app, programmeId);
    const applicant = await createApplicant(app, '基准测试众创空间');
    const agency = await createReviewer(app, 'jiangsu-st');
    const torch = await createReviewer(app, 'torch');
    const user = await sessionUserOf(app, (await applicant.gql<{ me: { mobile: string } }>('{ me { mobile } }')).data!.me.mobile);
    const fixture = await readFixture(programmeId);
    const ids: string[] = [];
    for (let i = 0; i < APPLICATIONS; i++) {
      const id = await filledApplication(app, user, programmeId, { basic: { acceptingAgency: 'jiangsu-st' } });
      await app.services.submissions.submit(user, id);
      ids.push(id);
    }
    const runtime = await app.services.programmes.currentRuntime(programmeId);
    const application = await app.services.applications.get(user, ids[0]!);
    const variables = runtime.compiled.applicationContext(application.data, {}) as Record<string, unknown>;

    const latencies: number[] = [];
    const complete = async (client: typeof agency, taskId: string, outcome: string, data: unknown) => {
      const started = performance.now();
      const result = await client.gql('mutation($t: ID!, $o: String!, $d: JSON) { completeTask(taskId: $t, outcome: $o, data: $d) { id } }', { t: taskId, o: outcome, d: data });
      latencies.push(performance.now() - started);
      if (result.errors) throw new Error(JSON.stringify(result.errors));
    };
    const inbox = async (client: typeof agency) =>
      (await client.gql<{ inbox: Array<{ task: { id: string } }> }>('query { inbox(filter: { limit: 500 }) { task { id } } }')).data!.inbox.map((i) => i.task.id);
    /** Completes every task in the queue, CONCURRENCY requests at a time; returns the seconds it took. */
    const drain = async (client: typeof agency, queue: string[], outcome: string, data: unknown) => {
      const started = performance.now();
      await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
        for (let id = queue.shift(); id; id = queue.shift()) await complete(client, id, outcome, data);
      }));
      return (performance.now() - started) / 1000;
    };
    const agencyTasks = await inbox(agency);
    if (agencyTasks.length !== ids.length) throw new Error(`expected ${ids.length} agency tasks, got ${agencyTasks.length}`);
    // CPU time of this process (server, PGlite and the in-process clients) per completion: unlike the rate, it hardly
    // moves when other work shares the machine, so it tells what one core could do on a quiet machine.
    let cpu = 0;
    const cpuDuring = async <T>(work: () => Promise<T>): Promise<T> => {
      const before = process.cpuUsage();
      const result = await work();
      const used = process.cpuUsage(before);
      cpu += (used.user + used.system) / 1000;
      return result;
    };
    let seconds = await cpuDuring(() => drain(agency, agencyTasks, 'approve', fixture.tasks!.agencyReview!.data));
    const torchTasks = await inbox(torch);
    seconds += await cpuDuring(() => drain(torch, torchTasks, 'recognise', fixture.tasks!.torchReview!.data));
    latencies.sort((a, b) => a - b);
    const at = (q: number) => Math.round(latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]! * 10) / 10;
    return { rate: (ids.length * 2) / seconds, cpuMs: cpu / (ids.length * 2), p50: at(0.5), p99: at(0.99), variables, xml: runtime.programme.flowXml };
  } finally {
    await app.close();
    await database.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

export async function run(): Promise<BenchResult[]> {
  // The embedded database always; a PostgreSQL server too when BENCH_DATABASE_URL names a scratch database.
  const databases: Array<{ where: string; url: string | undefined }> = [{ where: 'PGlite', url: undefined }];
  if (process.env.BENCH_DATABASE_URL) databases.push({ where: 'PostgreSQL', url: process.env.BENCH_DATABASE_URL });
  const measured: Array<{ where: string; api: ApiFigures }> = [];
  for (const { where, url } of databases) measured.push({ where, api: await apiCompletionsPerSecond(url) });
  const { xml, variables } = measured[0]!.api;
  await bareStepsPerSecond(xml, variables, 30); // warm-up
  const bare = await bareStepsPerSecond(xml, variables, APPLICATIONS);
  const runner = await runnerStepsPerSecond(xml, variables, Math.min(APPLICATIONS, 60));
  const round = (n: number) => Math.round(n * 10) / 10;
  const results: BenchResult[] = [];
  for (const { where, api } of measured) {
    results.push(
      {
        name: `review API: completeTask through GraphQL with persistence and history (${where}, ${CONCURRENCY} at a time)`,
        figure: round(api.rate), unit: 'completions/s',
        baseline: { name: 'bare bpmn-engine steps in memory, same flow', figure: round(bare) },
        ratio: Math.round((api.rate / bare) * 100) / 100,
        target: '≥ 200 completions/s and ≥ 0.5× bare', pass: api.rate >= 200 && api.rate / bare >= 0.5,
      },
      { name: `review API (${where}): latency p50 / p99`, figure: api.p50, unit: `ms p50 (p99 ${api.p99} ms)` },
      {
        name: `review API (${where}): CPU of the Node process per completion (server${where === 'PGlite' ? ' + PGlite' : ''} + clients)`,
        figure: Math.round(api.cpuMs * 100) / 100, unit: `ms (≈ ${Math.round(1000 / api.cpuMs)} completions/s on one free core)`,
      },
    );
  }
  results.push({ name: 'workflow runner alone: interpreter, JSON state in and out', figure: round(runner), unit: 'steps/s', baseline: { name: 'bare bpmn-engine', figure: round(bare) }, ratio: Math.round((runner / bare) * 100) / 100 });
  return results;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const result of await run()) console.log(JSON.stringify(result));
}

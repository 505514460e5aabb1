/**
 * The web app in a real browser (headless Chromium, the built app served by the real server):
 * 1. One edit in a 200-row team table: the staff table of 国家备案众创空间 with 200 rows, a name typed into row 100;
 *    each keystroke's Event Timing duration (input delay + handlers + rendering until the next paint, as the browser
 *    itself measures it for INP). Baseline: the same typing with a 1-row table. Target: < 50 ms.
 * 2. Initial JS: the gzip size of the scripts index.html loads (entry + modulepreloads). Target: ≤ 500 kB.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Page } from 'puppeteer-core';
import { createApplicant, gqlInPage, login, newPage, repoRoot, startWorld, type BrowserWorld } from '../tests/browser/harness.ts';
import type { BenchResult } from './types.ts';

const programmeId = 'national-makerspace-filing-2021';
const keystrokes = 20;
const targetMs = 50;
const targetInitialKb = 500;

function staffRows(count: number) {
  return Array.from({ length: count }, (_, i) => ({
    name: `成员${i + 1}`, age: 30, position: '运营专员', education: '本科', major: '工商管理', experience: '负责入驻团队日常服务。',
  }));
}

/** Worst and 95th-percentile keystroke duration (ms) typing into row `row` of a table with `rows` rows. */
async function typingLatency(world: BrowserWorld, page: Page, rows: number): Promise<{ worst: number; p95: number; commit: number }> {
  const { createApplication } = await gqlInPage<{ createApplication: { id: string } }>(page, 'mutation($p: ID!) { createApplication(programmeId: $p) { id } }', { p: programmeId });
  await gqlInPage(page, 'mutation($a: ID!, $d: JSON!) { saveSection(applicationId: $a, sectionId: "staff", data: $d, sectionRevision: 0) { sectionRevision } }',
    { a: createApplication.id, d: { staffCount: rows, professionalStaffCount: rows, mentorCount: 0, staff: staffRows(rows), mentors: [] } });
  await page.goto(`${world.baseUrl}/applications/${createApplication.id}/sections/staff`);
  const row = Math.floor(rows / 2);
  const input = await page.waitForSelector(`[id="root_staff_${row}_name"]`, { timeout: 60_000 });
  await input!.click();
  await page.evaluate(() => {
    const durations: number[] = [];
    (window as unknown as { __durations: number[] }).__durations = durations;
    // Entries under the threshold are not reported; those keystrokes were faster than 16 ms.
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) if (entry.name === 'keydown' || entry.name === 'keypress' || entry.name === 'input') durations.push(entry.duration);
    }).observe({ type: 'event', durationThreshold: 16, buffered: false } as PerformanceObserverInit);
  });
  await page.keyboard.type('一二三四五六七八九十abcdefghij'.slice(0, keystrokes), { delay: 120 });
  await new Promise((resolve) => setTimeout(resolve, 500));
  const durations = await page.evaluate(() => (window as unknown as { __durations: number[] }).__durations);
  // Leaving the field hands the buffered row edit to the form: one full re-render. rjsf may schedule it after the
  // blur, so this sums the long tasks (> 50 ms) in the 3 s that follow rather than timing the blur handler alone.
  const commit = await page.evaluate(async () => {
    const started = performance.now();
    let busy = 0;
    const observer = new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) if (entry.startTime >= started) busy += entry.duration;
    });
    observer.observe({ type: 'longtask', buffered: false });
    (document.activeElement as HTMLElement | null)?.blur();
    await new Promise((resolve) => setTimeout(resolve, 3000));
    observer.disconnect();
    return busy;
  });
  const padded = [...durations, ...Array<number>(Math.max(0, keystrokes - durations.length)).fill(16)].sort((a, b) => a - b);
  return { worst: padded[padded.length - 1] ?? 16, p95: padded[Math.floor(padded.length * 0.95) - 1] ?? 16, commit: Math.round(commit) };
}

async function initialJsKb(): Promise<number> {
  const dist = path.join(repoRoot, 'packages/web/dist');
  const html = await readFile(path.join(dist, 'index.html'), 'utf8');
  const scripts = [...html.matchAll(/<(?:script[^>]+src|link[^>]+rel="modulepreload"[^>]+href)="([^"]+\.js)"/g)].map((m) => m[1]!);
  let total = 0;
  for (const src of new Set(scripts)) total += gzipSync(await readFile(path.join(dist, src.replace(/^\//, '')))).length;
  return Math.round(total / 102.4) / 10;
}

export async function run(): Promise<BenchResult[]> {
  const world = await startWorld([programmeId]);
  try {
    const mobile = await createApplicant(world.app, '性能测试众创空间');
    const page = await newPage(world);
    await login(page, world.baseUrl, mobile);
    const small = await typingLatency(world, page, 1);
    const large = await typingLatency(world, page, 200);
    const initial = await initialJsKb();
    return [
      {
        name: `keystroke in row 100 of a 200-row table (worst of ${keystrokes}, Event Timing)`,
        figure: large.worst, unit: 'ms',
        baseline: { name: 'same in a 1-row table', figure: small.worst },
        ratio: Math.round((large.worst / Math.max(small.worst, 1)) * 100) / 100,
        target: `< ${targetMs} ms`, pass: large.worst < targetMs,
      },
      { name: `keystroke in a 200-row table (p95 of ${keystrokes})`, figure: large.p95, unit: 'ms', target: `< ${targetMs} ms`, pass: large.p95 < targetMs },
      {
        name: 'main-thread long tasks after leaving the edited row field, 200 rows (one full re-render; informational)',
        figure: large.commit, unit: 'ms', baseline: { name: 'same with 1 row', figure: small.commit },
        ratio: Math.round((large.commit / Math.max(small.commit, 1)) * 100) / 100,
      },
      { name: 'initial JS (index.html scripts + modulepreloads, gzip)', figure: initial, unit: 'kB', target: `≤ ${targetInitialKb} kB`, pass: initial <= targetInitialKb },
    ];
  } finally {
    await world.close();
  }
}

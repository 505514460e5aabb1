/**
 * `pnpm bench [name-filter]`: runs every bench/*.bench.ts one after another, prints one table of figures with their
 * baseline, ratio and target, and writes bench/results/latest.json. Bench files are found at run time and imported
 * one by one, so a file that is missing, broken or unfinished is reported and the others still run.
 * Exit code 1 when a bench file failed or a figure missed its target.
 */
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { BenchModule, BenchResult } from './types.ts';

const benchDir = path.dirname(fileURLToPath(import.meta.url));

interface FileOutcome {
  file: string;
  seconds: number;
  results: BenchResult[];
  error?: string;
}

async function runFile(file: string): Promise<FileOutcome> {
  const started = performance.now();
  try {
    const module = (await import(pathToFileURL(path.join(benchDir, file)).href)) as Partial<BenchModule>;
    if (typeof module.run !== 'function') throw new Error('exports no run(): Promise<BenchResult[]>');
    const results = await module.run();
    return { file, seconds: (performance.now() - started) / 1000, results };
  } catch (error) {
    const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
    return { file, seconds: (performance.now() - started) / 1000, results: [], error: message };
  }
}

const number = (value: number): string => (Math.abs(value) >= 100 ? Math.round(value).toLocaleString('en-US') : value.toPrecision(3));

function table(outcomes: FileOutcome[]): string {
  const header = ['benchmark', 'figure', 'baseline', 'ratio', 'target', 'pass'];
  const rows = outcomes.flatMap((o) =>
    o.error
      ? [[`${o.file}`, 'FAILED', '', '', '', '✗']]
      : o.results.map((r) => [
          r.name,
          `${number(r.figure)} ${r.unit}`,
          r.baseline ? `${number(r.baseline.figure)} (${r.baseline.name})` : '',
          r.ratio === undefined ? '' : r.ratio.toFixed(3),
          r.target ?? '',
          r.pass === undefined ? '' : r.pass ? '✓' : '✗',
        ]),
  );
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

async function main(): Promise<number> {
  const filter = process.argv[2];
  const files = readdirSync(benchDir)
    .filter((f) => f.endsWith('.bench.ts') && (!filter || f.includes(filter)))
    .sort();
  if (files.length === 0) {
    console.error(`没有匹配的基准测试 / no bench files match${filter ? ` "${filter}"` : ''} in ${benchDir}`);
    return 1;
  }
  const outcomes: FileOutcome[] = [];
  for (const file of files) {
    console.log(`▶ ${file} …`);
    const outcome = await runFile(file);
    console.log(outcome.error ? `  ✗ 失败 / failed: ${outcome.error.split('\n')[0]}` : `  ✓ ${outcome.seconds.toFixed(1)} s`);
    outcomes.push(outcome);
  }
  console.log(`\n${table(outcomes)}`);
  for (const o of outcomes.filter((o) => o.error)) console.error(`\n${o.file}:\n${o.error}`);

  const resultsDir = path.join(benchDir, 'results');
  mkdirSync(resultsDir, { recursive: true });
  const machine = { node: process.version, platform: `${os.platform()} ${os.arch()}`, cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, loadAverage: os.loadavg() };
  writeFileSync(path.join(resultsDir, 'latest.json'), `${JSON.stringify({ at: new Date().toISOString(), machine, outcomes }, null, 2)}\n`);
  console.log(`\n结果已写入 / results written to bench/results/latest.json`);

  const failed = outcomes.some((o) => o.error || o.results.some((r) => r.pass === false));
  return failed ? 1 : 0;
}

main().then((code) => process.exit(code));

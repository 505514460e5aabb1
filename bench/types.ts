/** One measured figure, as every `bench/*.bench.ts` reports it and `pnpm bench` prints and saves it. */
export interface BenchResult {
  name: string;
  figure: number;
  /** e.g. "req/s", "ms", "ms p99". */
  unit: string;
  /** The same measurement of something simpler, taken in the same run on the same machine. */
  baseline?: { name: string; figure: number };
  /** figure / baseline.figure. */
  ratio?: number;
  /** What the figure should meet, in words, e.g. "≥ 500 req/s". */
  target?: string;
  pass?: boolean;
}

/** What a bench file exports. */
export interface BenchModule {
  run(): Promise<BenchResult[]>;
}

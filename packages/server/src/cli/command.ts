/**
 * The shape of one `pnpm shenbao <command>`. A command lives in its own file under commands/ and is listed once in
 * registry.ts; main.ts does the rest (help, dispatch, exit codes).
 */
export interface CliCommand {
  /** One or more words, e.g. `serve` or `users import`. */
  name: string;
  /** One line for the command list: Chinese / English. */
  summary: string;
  /** Shown by `pnpm shenbao <name> --help`: arguments, options and the environment it reads. */
  usage: string;
  /** Resolves to the exit code (0 when omitted). Long-running commands resolve when they stop. */
  run(args: string[]): Promise<number | void>;
}

/** Wrong arguments: main.ts prints the message and the command's usage, then exits with 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** One console line in both languages, the way every CLI step is announced. */
export function say(zh: string, en: string): void {
  console.log(`${zh} / ${en}`);
}

/** Commands that take no arguments refuse stray ones rather than silently ignoring a typo. */
export function expectNoArguments(args: string[]): void {
  if (args.length > 0) throw new UsageError(`此命令不接受参数 / this command takes no arguments: ${args.join(' ')}`);
}

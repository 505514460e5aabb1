/**
 * `pnpm shenbao <command>`: the platform's command line. Exit codes: 0 done, 1 failed (a bad configuration value
 * prints ONE line naming the variable), 2 wrong usage (unknown command or arguments).
 */
import { ConfigError } from '../config.ts';
import { DatabaseStartError } from '../db/database-start-error.ts';
import { UsageError, type CliCommand } from './command.ts';
import { cliCommands, findCommand } from './registry.ts';

const helpFlags = new Set(['--help', '-h', 'help']);

function overview(): string {
  const width = Math.max(...cliCommands.map((c) => c.name.length));
  return [
    '用法 / usage: npm run shenbao -- <command> [arguments]     (npm run shenbao -- <command> --help for details)',
    '',
    '命令 / commands:',
    ...cliCommands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
  ].join('\n');
}

function commandHelp(command: CliCommand): string {
  return `npm run shenbao -- ${command.name}\n  ${command.summary}\n\n${command.usage}`;
}

export async function runCli(argv: string[]): Promise<number> {
  if (argv.length === 0 || helpFlags.has(argv[0]!)) {
    console.log(overview());
    return 0;
  }
  const found = findCommand(argv);
  if (!found) {
    console.error(`未知命令 / unknown command: "${argv[0]}". 可用命令 / available: ${cliCommands.map((c) => c.name).join(', ')} (npm run shenbao -- --help)`);
    return 2;
  }
  const { command, args } = found;
  if (args.some((arg) => arg === '--help' || arg === '-h')) {
    console.log(commandHelp(command));
    return 0;
  }
  try {
    return (await command.run(args)) ?? 0;
  } catch (error) {
    if (error instanceof ConfigError || error instanceof DatabaseStartError) {
      console.error(error.message);
      return 1;
    }
    if (error instanceof UsageError) {
      console.error(`${error.message}\n\n${commandHelp(command)}`);
      return 2;
    }
    console.error(`命令 ${command.name} 失败 / command ${command.name} failed:`, error);
    return 1;
  }
}

// Exit explicitly: a closed server may still hold a stray handle (a driver timer), and `serve` must not linger.
// Console writes to files, pipes and terminals are synchronous on Linux, so no output is lost.
runCli(process.argv.slice(2)).then((code) => process.exit(code));

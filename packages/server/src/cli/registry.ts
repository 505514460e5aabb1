import type { CliCommand } from './command.ts';
import { serveCommand } from './commands/serve.ts';
import { migrateCommand } from './commands/migrate.ts';
import { usersImportCommand } from './commands/users-import.ts';
import { checkCommand } from './commands/check.ts';
import { publishCommand } from './commands/publish.ts';
import { renderCommand } from './commands/render.ts';

/** Every CLI command. Adding one = a new file in commands/ plus one entry here. */
export const cliCommands: CliCommand[] = [serveCommand, migrateCommand, usersImportCommand, checkCommand, publishCommand, renderCommand];

/**
 * Finds the command named by the leading words of argv (longest name wins, so `users import` can sit beside a future
 * `users`), and returns the remaining words as its arguments.
 */
export function findCommand(argv: string[], commands: CliCommand[] = cliCommands): { command: CliCommand; args: string[] } | undefined {
  const byLength = [...commands].sort((a, b) => b.name.split(' ').length - a.name.split(' ').length);
  for (const command of byLength) {
    const words = command.name.split(' ');
    if (words.every((word, index) => argv[index] === word)) return { command, args: argv.slice(words.length) };
  }
  return undefined;
}

/**
 * The configured database cannot be opened at start. Its message is the one bilingual line the CLI prints (no stack
 * trace); a file of its own so the CLI can recognise it without loading the database drivers.
 */
export class DatabaseStartError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DatabaseStartError';
  }
}

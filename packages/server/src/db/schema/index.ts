// Every table, one file per area. drizzle-kit reads this file to generate migrations/.
export * from './accounts.ts';
export * from './audit.ts';
export * from './files.ts';
export * from './programmes.ts';
export * from './applications.ts';
export * from './prints.ts';

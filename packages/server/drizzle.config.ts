import { defineConfig } from 'drizzle-kit';

// `pnpm --filter @shenbao/server exec drizzle-kit generate` writes SQL migrations to the repo's migrations/ folder.
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/db/schema/index.ts',
  out: '../../migrations',
});

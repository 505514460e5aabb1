/**
 * Work `pnpm shenbao serve` does after the database is migrated and before it listens. Later issues add their step
 * here, in order: publish the programme folders under PROGRAMMES_DIR (not yet written), then (when SEED_DEMO is on)
 * seed the demo accounts. A task may return console lines (e.g. the demo accounts and their password) printed once the server is up.
 */
import type { FastifyInstance } from 'fastify';
import type { Config } from '../config.ts';
import type { Services } from '../services.ts';
import { demoAccounts, demoPassword, seedDemoAccounts } from '../accounts/demo-accounts.ts';

export interface StartupContext {
  app: FastifyInstance;
  services: Services;
  config: Config;
}

export interface StartupTask {
  title: { zh: string; en: string };
  /** Skip the task (silently) when this says no, e.g. demo data outside SEED_DEMO. */
  when?: (config: Config) => boolean;
  run(context: StartupContext): Promise<string[] | void>;
}

/** With SEED_DEMO on (npm start sets it): the demo accounts of the README, created once, listed on every start. */
export const seedDemoAccountsTask: StartupTask = {
  title: { zh: '准备演示账号', en: 'preparing the demo accounts' },
  when: (config) => config.seedDemo,
  async run({ services }) {
    const created = new Set(await seedDemoAccounts(services));
    return [
      `演示账号（密码均为 ${demoPassword}）/ demo accounts (password ${demoPassword} for all):`,
      ...demoAccounts.map((account) => `  ${account.mobile}  ${account.name}${created.has(account.mobile) ? '  （新建 / new）' : ''}`),
    ];
  },
};

/** In order. Publishing the programme folders comes before the demo seed once it exists (a later issue). */
export const startupTasks: StartupTask[] = [seedDemoAccountsTask];

/**
 * Work `pnpm shenbao serve` does after the database is migrated and before it listens, in order: publish the
 * programme folders under PROGRAMMES_DIR, then (when SEED_DEMO is on) seed the demo accounts, open the demo windows
 * and create the demo reviewers. A task may return console lines (e.g. the demo accounts and their password) printed once the server is up.
 */
import type { FastifyInstance } from 'fastify';
import type { Config } from '../config.ts';
import type { Platform } from '../composition.ts';
import { demoAccounts, demoPassword, seedDemoAccounts } from '../demo/demo-accounts.ts';
import { describeDemoReviewers, seedDemoReviewers } from '../demo/demo-reviewers.ts';
import { openDemoWindows, demoWindowDays } from '../demo/demo-windows.ts';
import { listProgrammeFolders } from '../programmes/read-folder.ts';
import { describePublish, publishFolder } from '../programmes/publish-folders.ts';

export interface StartupContext {
  app: FastifyInstance;
  services: Platform;
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

/**
 * Every programme folder under PROGRAMMES_DIR is checked and published (a new immutable version only when its content
 * changed). A refused folder is reported and skipped: the server still starts with the programmes already published.
 */
export const publishProgrammesTask: StartupTask = {
  title: { zh: '发布申报项目文件夹', en: 'publishing the programme folders' },
  async run({ services, config }) {
    const folders = await listProgrammeFolders(config.programmesDir);
    if (folders.length === 0) return [`${config.programmesDir} 下没有申报项目文件夹 / no programme folders under ${config.programmesDir}`];
    const lines: string[] = [];
    for (const dir of folders) {
      const result = await publishFolder(services.programmes, dir, null);
      const described = describePublish(result);
      if (result.status === 'refused') services.logger.error({ dir, problems: result.problems }, 'programme folder refused');
      lines.push(...described);
    }
    return lines;
  },
};

/** With SEED_DEMO on, after publishing: every window open from now, and a reviewer for every unit a task can reach. */
export const seedDemoReviewersTask: StartupTask = {
  title: { zh: '开放演示时间窗口并准备演示审核员', en: 'opening the demo windows and preparing the demo reviewers' },
  when: (config) => config.seedDemo,
  async run({ services }) {
    const opened = await openDemoWindows(services);
    const { reviewers, created } = await seedDemoReviewers(services);
    return [
      `演示：开放了 ${opened.length} 个时间窗口（${demoWindowDays} 天）/ demo: ${opened.length} window${opened.length === 1 ? '' : 's'} opened for ${demoWindowDays} days`,
      ...describeDemoReviewers(reviewers, new Set(created)),
    ];
  },
};

/** In order: publish the folders, then the demo accounts, then the demo windows and reviewers (they need the units). */
export const startupTasks: StartupTask[] = [publishProgrammesTask, seedDemoAccountsTask, seedDemoReviewersTask];

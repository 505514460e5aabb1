/**
 * Browser-test harness: the built web app (packages/web/dist, built once here when missing or older than its
 * sources) served by the real server on a random port, with the embedded database in a temp DATA_DIR, real programme
 * folders published and their windows opened, and headless Chromium driven by puppeteer-core.
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import puppeteer, { type Browser, type ElementHandle, type JSHandle, type Page } from 'puppeteer-core';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../packages/server/src/app.ts';
import { loadConfig } from '../../packages/server/src/config.ts';
import { openDatabase, type DatabaseHandle } from '../../packages/server/src/db/client.ts';
import { organisations } from '../../packages/server/src/db/schema/index.ts';
import { readProgrammeFolder } from '../../packages/server/src/programmes/read-folder.ts';
import { MemorySmsSender } from '../../packages/server/src/sms/sms-sender.ts';
import { formatViolations, takeCspViolations, watchCsp } from './csp-listener.ts';

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const webRoot = path.join(repoRoot, 'packages/web');
export const screenshotDir = path.join(repoRoot, 'docs/screenshots');
export const password = 'Browser@2026';

async function newestMtime(dir: string): Promise<number> {
  let newest = 0;
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? await newestMtime(full) : (await stat(full)).mtimeMs);
  }
  return newest;
}

/**
 * Builds packages/web when dist is missing or older than src (a few seconds; skipped when up to date). As a production
 * build: vitest sets NODE_ENV=test, and Vite would otherwise build React and antd in development mode (bigger and
 * slower than what users get, and what `pnpm bench web` then measured).
 */
export async function ensureWebBuilt(): Promise<void> {
  const built = await stat(path.join(webRoot, 'dist/index.html')).then((s) => s.mtimeMs, () => 0);
  if (built > (await newestMtime(path.join(webRoot, 'src')))) return;
  // Vite's own entry with this Node: no package manager needs to be on PATH (CI may have reached pnpm through npx).
  execFileSync(process.execPath, [path.join(webRoot, 'node_modules/vite/bin/vite.js'), 'build'], { cwd: webRoot, stdio: 'ignore', env: { ...process.env, NODE_ENV: 'production' } });
}

export interface BrowserWorld {
  app: FastifyInstance;
  baseUrl: string;
  browser: Browser;
  close(): Promise<void>;
}

export async function startWorld(programmeIds: string[]): Promise<BrowserWorld> {
  await ensureWebBuilt();
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'sb-browser-'));
  const database: DatabaseHandle = await openDatabase({ dataDir: path.join(dataDir, 'db') });
  await database.migrate();
  // SMS codes go to an in-memory sender, which registerInUi reads.
  const app = await buildApp(loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DATA_DIR: dataDir }), { database, skipMigrations: true, smsSender: new MemorySmsSender() });
  for (const id of programmeIds) await publishAndOpen(app, id);
  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  const browser = await puppeteer.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    userDataDir: await mkdtemp(path.join(os.tmpdir(), 'sb-chromium-')),
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  return {
    app, browser, baseUrl: address,
    close: async () => {
      await browser.close();
      await app.close();
      await rm(dataDir, { recursive: true, force: true });
      // Any screen a test visited that broke under the server's Content-Security-Policy fails the file.
      const violations = takeCspViolations();
      if (violations.length > 0) throw new Error(`Content-Security-Policy violations:\n${formatViolations(violations)}`);
    },
  };
}

async function publishAndOpen(app: FastifyInstance, programmeId: string): Promise<void> {
  const files = await readProgrammeFolder(path.join(repoRoot, 'programmes', programmeId));
  const result = await app.services.programmes.publish(files, null);
  if (result.status === 'refused') throw new Error(`${programmeId} refused: ${JSON.stringify(result.problems.slice(0, 3))}`);
  const now = app.services.clock.now().getTime();
  const runtime = await app.services.programmes.currentRuntime(programmeId);
  for (const windowId of Object.keys(runtime.programme.manifest.windows)) {
    await app.services.programmes.setWindow(programmeId, windowId, new Date(now - 60_000), new Date(now + 30 * 86_400_000));
  }
}

let sequence = 0;
export function freshMobile(): string {
  sequence += 1;
  return `137${String(process.pid % 10000).padStart(4, '0')}${String(sequence).padStart(4, '0')}`;
}

/** A reviewer account for a programme unit (units are upserted when the programme is published). */
export async function createReviewer(app: FastifyInstance, organisationId: string): Promise<string> {
  const mobile = freshMobile();
  await app.services.accounts.createUser(
    { mobile, name: `${organisationId} 审核员`, password, mustChangePassword: false, mobileVerified: true, grants: [{ role: 'reviewer', organisationId, programmeId: '' }] },
    { actorId: null, action: 'test.seed' }, app.services.db,
  );
  return mobile;
}

export async function createApplicant(app: FastifyInstance, organisationName: string): Promise<string> {
  const mobile = freshMobile();
  const organisationId = `browser-org-${mobile}`;
  const now = app.services.clock.now();
  await app.services.db.insert(organisations).values({ id: organisationId, name: organisationName, kind: 'applicant', createdAt: now, updatedAt: now });
  await app.services.accounts.createUser(
    { mobile, name: `${organisationName}经办人`, password, mustChangePassword: false, mobileVerified: true, grants: [{ role: 'applicant', organisationId, programmeId: '' }] },
    { actorId: null, action: 'test.seed' }, app.services.db,
  );
  return mobile;
}

/**
 * Registers an applicant through the registration page: mobile number, the SMS code (read back from an in-memory
 * sender put in place of the gateway), password twice, contact name and organisation. The page is then signed in
 * on the programme list. Returns the mobile number.
 */
export async function registerInUi(world: BrowserWorld, page: Page, organisationName: string, uscc?: string): Promise<string> {
  const sms = world.app.services.smsSender;
  if (!(sms instanceof MemorySmsSender)) throw new Error('the browser world sends SMS codes to a MemorySmsSender');
  const mobile = freshMobile();
  await page.goto(`${world.baseUrl}/register`);
  await page.waitForSelector('input#mobile');
  await page.type('input#mobile', mobile);
  await clickButton(page, '获取验证码');
  await waitForText(page, '秒后可重新获取');
  const code = sms.lastCodeFor(mobile);
  if (!code) throw new Error(`no SMS code was sent to ${mobile}`);
  await page.type('input#code', code);
  await page.type('input#password', password);
  await page.type('input#passwordConfirm', password);
  await page.type('input#name', `${organisationName}经办人`);
  await page.type('input#organisationName', organisationName);
  if (uscc) await page.type('input#uscc', uscc);
  await clickButton(page, '注册');
  await page.waitForFunction(() => location.pathname === '/' && document.body.innerText.includes('注册成功'));
  return mobile;
}

export async function newPage(world: BrowserWorld): Promise<Page> {
  const context = await world.browser.createBrowserContext();
  const page = await context.newPage();
  await watchCsp(page);
  // Leaving a form with unsaved edits asks "leave this page?" (beforeunload); puppeteer never answers on its own and
  // the navigation would hang, so the tests answer "leave" as a user would. Other dialogs stay unanswered.
  page.on('dialog', (dialog) => {
    if (dialog.type() === 'beforeunload') void dialog.accept().catch(() => undefined);
  });
  await page.setViewport({ width: 1360, height: 900 });
  page.setDefaultTimeout(15_000);
  return page;
}

/** Logs in through the login page. */
export async function login(page: Page, baseUrl: string, mobile: string, next = '/'): Promise<void> {
  await page.goto(`${baseUrl}/login?next=${encodeURIComponent(next)}`);
  await page.waitForSelector('input#mobile, input[autocomplete="username"], input[type="tel"]');
  const mobileInput = (await page.$('input#mobile')) ?? (await page.$('input[autocomplete="username"]')) ?? (await page.$('input[type="tel"]'));
  await mobileInput!.type(mobile);
  await page.type('input[type="password"]', password);
  await Promise.all([page.waitForNetworkIdle({ idleTime: 300 }), page.keyboard.press('Enter')]);
}

/** Clicks the first button whose visible text contains `text`. */
export async function clickButton(page: Page, text: string): Promise<void> {
  const handle = await page.waitForFunction(
    (wanted: string) => [...document.querySelectorAll('button')].find((b) => (b.textContent ?? '').replace(/\s/g, '').includes(wanted.replace(/\s/g, '')) && !b.disabled) ?? null,
    {},
    text,
  );
  // A DOM click: antd dialogs zoom in, and a mouse click at coordinates taken mid-animation can miss the button.
  await clickElement(handle);
}

/** DOM-clicks the element a waitForFunction handle points at. */
async function clickElement(handle: JSHandle<unknown>): Promise<void> {
  const element = handle.asElement() as ElementHandle<Element> | null;
  if (!element) throw new Error('expected an element');
  await element.evaluate((node) => (node as HTMLElement).click());
}

/** Clicks the primary button of the open antd confirm dialog once it has finished appearing. */
export async function confirmDialog(page: Page, text: string): Promise<void> {
  await page.waitForSelector('.ant-modal-confirm .ant-modal-confirm-btns .ant-btn-primary', { visible: true });
  await waitForText(page, text);
  await clickButton(page, text);
  await page.waitForFunction(() => !document.querySelector('.ant-modal-confirm'), { timeout: 30_000 });
}

export async function waitForText(page: Page, text: string): Promise<void> {
  await page.waitForFunction((wanted: string) => document.body.innerText.includes(wanted), {}, text);
}

/**
 * Refreshes the README's screenshots in docs/screenshots, only when asked (`SCREENSHOTS=1 npm test`), so that an
 * ordinary test run leaves the working tree as it was.
 */
export async function screenshot(page: Page, name: string): Promise<void> {
  if (process.env.SCREENSHOTS !== '1') return;
  // No passing toast ("注册成功" …) in the picture.
  await page.waitForFunction(() => !document.querySelector('.ant-message-notice'), { timeout: 10_000 });
  await page.screenshot({ path: path.join(screenshotDir, `${name}.png`) as `${string}.png`, fullPage: false });
}

/** GraphQL as the page's signed-in user (same cookie), for set-up that is not what a test is about (bench/web.bench.ts). */
export async function gqlInPage<T>(page: Page, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const result = await page.evaluate(async (q: string, v: Record<string, unknown>) => {
    const response = await fetch('/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: q, variables: v }) });
    return response.json() as Promise<{ data?: unknown; errors?: unknown }>;
  }, query, variables);
  if (result.errors) throw new Error(JSON.stringify(result.errors));
  return result.data as T;
}

/** A one-page PDF small enough to build inline: a stand-in for scans and evidence files. */
export function minimalPdf(): Buffer {
  const objects = ['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [3 0 R] /Count 1 >>', '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>'];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((object, index) => {
    offsets.push(body.length);
    body += `${index + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

/**
 * Fills generated (rjsf + antd) form fields inside `scope` by their JSON keys: text, number and textarea inputs are
 * typed key by key, radio groups are clicked by their option label. For reviewers' short task forms; application
 * sections are filled from their fixtures by form-filler.ts.
 */
export async function fillFields(page: Page, scope: string, values: Record<string, string>): Promise<void> {
  for (const [key, value] of Object.entries(values)) {
    const id = `root_${key}`;
    const radio = await page.$(`${scope} [id="${id}"] .ant-radio-wrapper`);
    if (radio) {
      const labels = await page.$$(`${scope} [id="${id}"] .ant-radio-wrapper`);
      for (const label of labels) {
        if ((await label.evaluate((node) => node.textContent?.trim())) === value) await label.click();
      }
      continue;
    }
    const field = await page.waitForSelector(`${scope} [id="${id}"]`);
    await field!.click({ count: 3 });
    await page.keyboard.press('Backspace');
    await field!.type(value);
  }
}

/** Opens the first open task in the inbox whose row mentions `text`. */
export async function openTaskFromInbox(page: Page, baseUrl: string, text: string): Promise<void> {
  await page.goto(`${baseUrl}/reviewer/inbox`);
  await waitForText(page, text);
  const button = await page.waitForFunction((wanted: string) => {
    const row = [...document.querySelectorAll('tr')].find((tr) => tr.textContent?.includes(wanted));
    return row?.querySelector('button') ?? null;
  }, {}, text);
  await clickElement(button);
  await page.waitForSelector('.sb-task-form');
}

/** Completing a task returns to the inbox; if the page shows an error instead, the error is thrown. */
export async function expectBackToInbox(page: Page): Promise<void> {
  const outcome = await page.waitForFunction(() => {
    if (location.pathname === '/reviewer/inbox') return 'inbox';
    return document.querySelector('[data-testid="task-error"]')?.textContent ?? null;
  });
  const where = await outcome.jsonValue();
  if (where !== 'inbox') throw new Error(`task not completed: ${String(where)}`);
}

/** Returns the open task with a reason, through the reason dialog. */
export async function returnWithReason(page: Page, reason: string): Promise<void> {
  await page.click('[data-testid="outcome-return"]');
  await page.waitForSelector('[data-testid="return-reason-input"]', { visible: true });
  await page.type('[data-testid="return-reason-input"]', reason);
  await page.click('.ant-modal-footer .ant-btn-dangerous');
  await expectBackToInbox(page);
}

/** Starts an application from the programme list and returns its id (the page is then on the first section). */
export async function startApplication(page: Page, baseUrl: string, programmeId: string): Promise<string> {
  await page.goto(`${baseUrl}/`);
  const selector = `[data-testid="programme-${programmeId}"] .ant-list-item-action button`;
  await page.waitForSelector(`${selector}:not([disabled])`);
  await page.click(selector);
  await page.waitForFunction(() => /\/applications\/[^/]+\/sections\//.test(location.pathname));
  return decodeURIComponent(new URL(page.url()).pathname.split('/')[2]!);
}

/**
 * The review page in a real browser (issue 13 items 4, 5 and 9), with 2020 山东省创客之家: the applicant's print is
 * the same version after a reload (no regenerate prompt); the recommending unit opening the book gets the
 * applicant's version and creates none; the province's task page shows the recommender's step — its form as a
 * document with the stamped book by name — and keeps the decision in view at 1280x800 wherever it is scrolled.
 * Set-up that is not what this file is about (filling sections, the recommender's report) goes through the API.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import os from 'node:os';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ElementHandle, Page } from 'puppeteer-core';
import { TestClient } from '../../packages/server/test/fixtures/accounts-app.ts';
import type { ProgrammeTestApp } from '../../packages/server/test/helpers/programme-app.ts';
import { decide, draftFromFixture, reportRanking, setRanking, submit, taskFor } from '../../packages/server/test/helpers/scenario-steps.ts';
import { createApplicant, createReviewer, login, minimalPdf, newPage, password, startWorld, waitForText, type BrowserWorld } from './harness.ts';

const programmeId = 'sd-maker-home-2020';
const recommender = 'jinan-kx';

async function signedIn(world: BrowserWorld, mobile: string): Promise<TestClient> {
  const client = new TestClient(world.app);
  const result = await client.login(mobile, password);
  if (result.errors) throw new Error(`login failed: ${JSON.stringify(result.errors)}`);
  return client;
}

/** The version the print panel shows once it has loaded. */
async function shownVersion(page: Page, printId: string): Promise<string> {
  const node = await page.waitForSelector(`[data-testid="print-${printId}-version"]`, { timeout: 60_000 });
  return (await node!.evaluate((n) => n.textContent ?? '')).trim();
}

describe('the review page in the browser', () => {
  let world: BrowserWorld;
  let applicant: Page; let reviewer: Page; let province: Page;
  let applicantMobile = ''; let reviewerMobile = ''; let provinceMobile = '';
  let applicationId = '';
  let version = '';
  const versionCount = async () => {
    const result = await (await signedIn(world, applicantMobile)).gql<{ prints: unknown[] }>('query($a: ID!) { prints(applicationId: $a) { version } }', { a: applicationId });
    return ok(result).data!.prints.length;
  };

  beforeAll(async () => {
    world = await startWorld([programmeId]);
    applicantMobile = await createApplicant(world.app, '济南泉创科技孵化器有限公司');
    reviewerMobile = await createReviewer(world.app, recommender);
    provinceMobile = await createReviewer(world.app, 'sd-kx');
    const client = await signedIn(world, applicantMobile);
    applicationId = await draftFromFixture({ app: world.app } as ProgrammeTestApp, client, programmeId);
    [applicant, reviewer, province] = await Promise.all([newPage(world), newPage(world), newPage(world)]);
  });
  afterAll(async () => world?.close());
  afterEach(async (context) => {
    if (context.task.result?.state !== 'fail') return;
    const name = context.task.name.replace(/\W+/g, '-').slice(0, 40);
    for (const [who, page] of Object.entries({ applicant, reviewer, province })) await page?.screenshot({ path: path.join(os.tmpdir(), `sb-fail-${name}-${who}.png`) });
  });

  it('shows the same print version after a reload, with its PDF and no regenerate button', async () => {
    await login(applicant, world.baseUrl, applicantMobile, `/applications/${applicationId}/review`);
    await applicant.waitForSelector('[data-testid="print-book-generate"]');
    await applicant.click('[data-testid="print-book-generate"]');
    version = await shownVersion(applicant, 'book');
    expect(version).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    await applicant.reload();
    expect(await shownVersion(applicant, 'book')).toBe(version);
    await applicant.waitForSelector('[data-testid="print-book-open"]');
    await waitForText(applicant, '与当前填报内容一致');
    expect(await applicant.$('[data-testid="print-book-generate"]')).toBeNull();
    expect(await versionCount()).toBe(1);

    // The stamped scan goes up against that version, and the panel lists it with the version.
    const pdf = path.join(os.tmpdir(), `review-scan-${process.pid}.pdf`);
    await writeFile(pdf, minimalPdf());
    const input = (await applicant.$('input[data-testid="print-book-scan-input"]')) as ElementHandle<HTMLInputElement> | null;
    await input!.uploadFile(pdf);
    await waitForText(applicant, `盖章扫描件（版本号 ${version}）`);
    // The sections read as a document: no inputs, no disabled 选择文件, no row buttons.
    expect(await applicant.$$eval('.sb-readonly-section input, .sb-readonly-section button', (nodes) => nodes.length)).toBe(0);
    ok(await submit(await signedIn(world, applicantMobile), applicationId));
  });

  it('gives the recommending unit the applicant\'s version: opening the book creates none', async () => {
    await login(reviewer, world.baseUrl, reviewerMobile, '/reviewer/inbox');
    const client = await signedIn(world, reviewerMobile);
    const task = await taskFor(client, applicationId, 'recommend');
    await reviewer.goto(`${world.baseUrl}/tasks/${task.id}`);
    expect(await shownVersion(reviewer, 'book')).toBe(version);
    await waitForText(reviewer, `盖章扫描件（版本号 ${version}）`);
    expect(await reviewer.$('[data-testid="print-book-generate"]')).toBeNull();
    // Opening the PDF is a plain link to the applicant's file.
    const href = await reviewer.$eval('[data-testid="print-book-open"]', (a) => a.getAttribute('href'));
    expect((await world.app.inject({ method: 'GET', url: href!, headers: client.headers() })).statusCode).toBe(200);
    expect(await versionCount()).toBe(1);
    const verify = (await world.app.inject({ method: 'GET', url: `/api/verify/${version}` })).json() as { isLatest: boolean; dataChanged: boolean };
    expect(verify).toMatchObject({ isLatest: true, dataChanged: false });
  });

  it('shows the province the recommender\'s step and keeps the decision in view at 1280x800', async () => {
    const recommenderClient = await signedIn(world, reviewerMobile);
    await decide({ app: world.app } as ProgrammeTestApp, recommenderClient, programmeId, applicationId, 'recommend', 'approve');
    const scope = { programmeId, organisationId: recommender, taskDefinitionId: 'report' };
    ok(await setRanking(recommenderClient, scope, [(await taskFor(recommenderClient, applicationId, 'report')).id]));
    ok(await reportRanking(recommenderClient, scope));

    const provinceClient = await signedIn(world, provinceMobile);
    const task = await taskFor(provinceClient, applicationId, 'provinceReview');
    await province.setViewport({ width: 1280, height: 800 });
    await login(province, world.baseUrl, provinceMobile, `/tasks/${task.id}`);
    const step = await province.waitForSelector('[data-testid="earlier-step-recommend"]', { timeout: 30_000 });
    const stepText = await step!.evaluate((n) => n.textContent ?? '');
    for (const words of ['推荐单位初审', '经实地查看，申报材料属实，同意推荐。', '2020-10-22', '济南市科学技术协会']) expect(stepText).toContain(words);
    // The stamped book the recommender uploaded, by its file name, opens for the province.
    const linkSelector = '[data-testid="earlier-step-recommend"] [data-pointer="/stampedBook"] a[href^="/api/files/"]';
    await province.waitForFunction((selector: string) => /^att-demo-90\.(pdf|png)$/.test(document.querySelector(selector)?.textContent?.trim() ?? ''), { timeout: 30_000 }, linkSelector);
    const fileHref = await province.$eval(linkSelector, (a) => a.getAttribute('href'));
    expect((await world.app.inject({ method: 'GET', url: fileHref!, headers: provinceClient.headers() })).statusCode).toBe(200);
    // The contents list links the step.
    expect(await province.$eval('[data-testid="review-contents"]', (n) => n.textContent ?? '')).toContain('前序环节：推荐单位初审');

    // The decision (the outcome buttons) is on screen at the top, in the middle and at the end of the document.
    const pageHeight = await province.evaluate(() => document.documentElement.scrollHeight);
    expect(pageHeight).toBeGreaterThan(1600);
    for (const y of [0, pageHeight / 2, pageHeight]) {
      await province.evaluate((top) => window.scrollTo(0, top), y);
      await province.waitForFunction(() => {
        const button = document.querySelector('[data-testid="outcome-approve"]');
        if (!button) return false;
        const box = button.getBoundingClientRect();
        return box.top >= 0 && box.bottom <= window.innerHeight && box.width > 0;
      }, { timeout: 10_000 });
    }
  });
});

function ok<T extends { errors?: unknown }>(result: T): T {
  if (result.errors) throw new Error(JSON.stringify(result.errors));
  return result;
}

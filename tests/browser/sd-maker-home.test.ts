/**
 * The Shandong maker-home round in a real browser against the real server: an applicant applies, prints, uploads the
 * stamped scan and submits; the recommending unit returns it with a reason; the applicant resubmits; the unit
 * approves, ranks within its quota and reports once. Screenshots of the main screens go to docs/screenshots/.
 *
 * Section data is entered through the API from the programme's fixture (typing ~60 fields through the UI would make
 * this test slow and brittle; the form widgets have their own jsdom tests); every decision and page is driven in the UI.
 */
import { readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ElementHandle, Page } from 'puppeteer-core';
import {
  clickButton, confirmDialog, createApplicant, createReviewer, expectBackToInbox, fillFields, gqlInPage, login, minimalPdf, newPage, repoRoot, screenshot, startWorld, waitForText, withRealAttachments,
  type BrowserWorld,
} from './harness.ts';

const programmeId = 'sd-maker-home-2020';
const recommender = 'jinan-kx';

describe('Shandong maker homes in the browser', () => {
  let world: BrowserWorld;
  let applicant: Page;
  let reviewer: Page;
  let applicationId = '';
  let applicantMobile = '';
  let reviewerMobile = '';

  beforeAll(async () => {
    world = await startWorld([programmeId]);
    applicantMobile = await createApplicant(world.app, '泉城创客汇');
    reviewerMobile = await createReviewer(world.app, recommender);
    applicant = await newPage(world);
    reviewer = await newPage(world);
  });
  afterAll(async () => world?.close());
  // A failed step leaves pictures of both browsers behind, which says more than a timeout.
  afterEach(async (context) => {
    if (context.task.result?.state !== 'fail') return;
    const name = context.task.name.replace(/\W+/g, '-').slice(0, 40);
    await applicant?.screenshot({ path: path.join(os.tmpdir(), `sb-fail-${name}-applicant.png`) });
    await reviewer?.screenshot({ path: path.join(os.tmpdir(), `sb-fail-${name}-reviewer.png`) });
  });

  it('logs in and starts an application from the programme list', async () => {
    await applicant.goto(`${world.baseUrl}/login`);
    await applicant.waitForSelector('input[type="password"]');
    await screenshot(applicant, 'login');
    await login(applicant, world.baseUrl, applicantMobile, '/');
    await applicant.waitForSelector(`[data-testid="programme-${programmeId}"]`);
    await waitForText(applicant, '正在受理');
    await screenshot(applicant, 'programme-list');
    await applicant.click(`[data-testid="programme-${programmeId}"] .ant-list-item-action button`);
    await applicant.waitForFunction(() => /\/applications\/[^/]+\/sections\//.test(location.pathname));
    applicationId = decodeURIComponent(new URL(applicant.url()).pathname.split('/')[2]!);
    await applicant.waitForSelector('form.rjsf, .rjsf');
    await screenshot(applicant, 'section-form');
    expect(applicationId).not.toBe('');
  });

  it('fills every section and sees the completion marks and an all-clear precheck', async () => {
    const fixture = JSON.parse(await readFile(path.join(repoRoot, 'programmes', programmeId, 'fixtures/complete.json'), 'utf8')) as { data: Record<string, Record<string, unknown>> };
    for (const [sectionId, data] of Object.entries(fixture.data)) {
      const sectionData = await withRealAttachments(applicant, applicationId, sectionId, sectionId === 'service' ? { ...data, recommender } : data, minimalPdf());
      const saved = await gqlInPage<{ saveSection: { errors: Record<string, unknown> } }>(applicant,
        'mutation($a: ID!, $s: String!, $d: JSON!) { saveSection(applicationId: $a, sectionId: $s, data: $d, sectionRevision: 0) { errors } }',
        { a: applicationId, s: sectionId, d: sectionData });
      expect(saved.saveSection.errors).toEqual({});
    }
    await applicant.goto(`${world.baseUrl}/applications/${applicationId}/review`);
    await waitForText(applicant, '填写完整，符合申报条件，可以提交');
    await screenshot(applicant, 'application-review');
    const marks = await applicant.$$eval('[data-mark]', (nodes) => nodes.map((n) => n.getAttribute('data-mark')));
    expect(marks.length).toBe(Object.keys(fixture.data).length);
    expect(new Set(marks)).toEqual(new Set(['done']));
  });

  it('prints the form, uploads the stamped scan and submits with a confirm', async () => {
    await applicant.click('[data-testid="print-book-generate"]');
    await applicant.waitForSelector('[data-testid="print-book-open"]', { timeout: 60_000 });
    const scan = await pdfOnDisk();
    const input = (await applicant.$('input[data-testid="print-book-scan-input"]')) as ElementHandle<HTMLInputElement> | null;
    await input!.uploadFile(scan);
    await waitForText(applicant, '盖章扫描件已上传');
    await clickButton(applicant, '提交申报');
    await confirmDialog(applicant, '确认提交');
    await waitForText(applicant, '正在审核中');
  });

  it('lets the recommending unit return it with a required reason', async () => {
    await login(reviewer, world.baseUrl, reviewerMobile, '/reviewer/inbox');
    await waitForText(reviewer, '泉城创客汇');
    await screenshot(reviewer, 'inbox');
    await clickButton(reviewer, '审核');
    await reviewer.waitForSelector('[data-testid="outcome-return"]');
    await reviewer.evaluate(() => window.scrollTo(0, 0));
    await screenshot(reviewer, 'review');
    await fillTaskForm(reviewer);
    await reviewer.$eval('.sb-task-form', (node) => node.scrollIntoView());
    await screenshot(reviewer, 'review-task-form');
    await reviewer.click('[data-testid="outcome-return"]');
    await reviewer.waitForSelector('[data-testid="return-reason-input"]');
    const ok = await reviewer.$('.ant-modal-footer .ant-btn-dangerous');
    expect(await ok!.evaluate((b) => (b as HTMLButtonElement).disabled)).toBe(true); // no reason, no return
    await reviewer.type('[data-testid="return-reason-input"]', '场地面积证明不清晰，请重新上传');
    await ok!.click();
    await expectBackToInbox(reviewer);
  });

  it('shows the applicant the reason; the applicant submits again', async () => {
    await applicant.goto(`${world.baseUrl}/applications/${applicationId}/review`);
    await waitForText(applicant, '场地面积证明不清晰，请重新上传');
    await clickButton(applicant, '重新提交');
    await confirmDialog(applicant, '确认提交');
    await waitForText(applicant, '正在审核中');
  });

  it('approves, ranks within the quota and reports once', async () => {
    await reviewer.goto(`${world.baseUrl}/reviewer/inbox`);
    await waitForText(reviewer, '泉城创客汇');
    await clickButton(reviewer, '审核');
    await reviewer.waitForSelector('[data-testid="outcome-approve"]');
    await waitForText(reviewer, '退回后申报单位未修改内容');
    await fillTaskForm(reviewer);
    // Approving needs the stamped book (uploaded through the attachment widget) and the site-visit date.
    const stampedBook = (await reviewer.$('.sb-task-form input[type="file"]')) as ElementHandle<HTMLInputElement> | null;
    await stampedBook!.uploadFile(await pdfOnDisk());
    await reviewer.waitForSelector('.sb-task-form a[href^="/api/files/"]');
    await reviewer.click('.sb-task-form [id="root_siteVisitedOn"]');
    await reviewer.keyboard.type('2020-10-22');
    await reviewer.keyboard.press('Enter');
    await reviewer.click('[data-testid="outcome-approve"]');
    await expectBackToInbox(reviewer);
    await waitForText(reviewer, '以下推荐名额需要排序并上报');
    await reviewer.click('.ant-alert a[href^="/rankings/"]');
    await reviewer.waitForSelector('[data-testid="ranking-quota"]');
    const number = await reviewer.$eval('td:nth-child(4)', (td) => td.textContent ?? '');
    await reviewer.click(`[data-testid="rank-include-${number}"]`);
    await waitForText(reviewer, '已选 1 / 限 2');
    // The recommender may export its own summary, not the province's.
    const exportButtons = await reviewer.$$eval('a[href^="/api/exports/"]', (links) => links.map((a) => a.textContent?.trim()));
    expect(exportButtons).toEqual(['推荐汇总表']);
    await new Promise((resolve) => setTimeout(resolve, 400)); // let the checkbox and the toast settle for the picture
    await screenshot(reviewer, 'ranking');
    await reviewer.click('[data-testid="ranking-report"]');
    await waitForText(reviewer, '上报只能进行一次');
    await confirmDialog(reviewer, '确认上报');
    await waitForText(reviewer, '不能再修改');
    const status = await gqlInPage<{ application: { history: Array<{ action: string }> } }>(applicant, 'query($id: ID!) { application(id: $id) { history { action } } }', { id: applicationId });
    expect(status.application.history.map((h) => h.action)).toEqual(expect.arrayContaining(['submit', 'return', 'resubmit', 'report']));
  });
});

async function pdfOnDisk(): Promise<string> {
  const file = path.join(os.tmpdir(), `evidence-${process.pid}.pdf`);
  await writeFile(file, minimalPdf());
  return file;
}

async function fillTaskForm(page: Page): Promise<void> {
  await fillFields(page, '.sb-task-form', { contactName: '张主任', contactMobile: '13905310001', contactPhone: '0531-86001234', opinion: '同意推荐' });
}

/**
 * 国家备案众创空间 2021 in a real browser: the applicant applies to the Jiangsu agency and submits; the agency returns
 * it with a reason; the applicant edits one section in the form (typing, 暂存) and submits again; the agency sees
 * exactly that change and approves; the Torch centre recognises; the applicant sees the outcome and the history.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import {
  clickButton, confirmDialog, createApplicant, createReviewer, expectBackToInbox, fillFields, fillFromFixture, login, newPage,
  openTaskFromInbox, returnWithReason, startApplication, startWorld, waitForText, type BrowserWorld,
} from './harness.ts';

const programmeId = 'national-makerspace-filing-2021';
const reason = '发展思路、目标及措施过于笼统，请量化目标';

describe('national makerspace filing in the browser', () => {
  let world: BrowserWorld;
  let applicant: Page;
  let agency: Page;
  let torch: Page;
  let applicationId = '';
  let number = '';

  beforeAll(async () => {
    world = await startWorld([programmeId]);
    const applicantMobile = await createApplicant(world.app, '苏州星火创客科技服务有限公司');
    const agencyMobile = await createReviewer(world.app, 'jiangsu-st');
    const torchMobile = await createReviewer(world.app, 'torch');
    [applicant, agency, torch] = await Promise.all([newPage(world), newPage(world), newPage(world)]);
    await login(applicant, world.baseUrl, applicantMobile);
    await login(agency, world.baseUrl, agencyMobile);
    await login(torch, world.baseUrl, torchMobile);
  });
  afterAll(async () => world?.close());

  it('applies to the chosen agency and submits', async () => {
    applicationId = await startApplication(applicant, world.baseUrl, programmeId);
    await fillFromFixture(applicant, applicationId, programmeId, { basic: { acceptingAgency: 'jiangsu-st' } });
    await applicant.goto(`${world.baseUrl}/applications/${applicationId}/review`);
    await waitForText(applicant, '填写完整，符合申报条件，可以提交');
    number = await applicant.$eval('.sb-page-head p', (p) => p.textContent?.split('：')[1] ?? '');
    await clickButton(applicant, '提交申报');
    await confirmDialog(applicant, '确认提交');
    await waitForText(applicant, '正在审核中');
    // The notice gives no withdrawal once submitted: no button is offered.
    expect(await applicant.$$eval('button', (buttons) => buttons.some((b) => b.textContent?.includes('撤回')))).toBe(false);
  });

  it('is returned by the agency with a reason', async () => {
    await openTaskFromInbox(agency, world.baseUrl, number);
    await fillFields(agency, '.sb-task-form', { paperReceived: '否', opinion: '发展目标不具体' });
    await returnWithReason(agency, reason);
  });

  it('is edited in the form and submitted again', async () => {
    await applicant.goto(`${world.baseUrl}/applications/${applicationId}/sections/plan`);
    await waitForText(applicant, reason);
    const content = await applicant.waitForSelector('textarea[id="root_content"]');
    await content!.click();
    await applicant.keyboard.down('Control');
    await applicant.keyboard.press('End');
    await applicant.keyboard.up('Control');
    await applicant.keyboard.type('\n量化目标：三年内孵化企业80家。');
    await clickButton(applicant, '暂存');
    await applicant.waitForFunction(() => /已于 .+保存/.test(document.body.innerText));
    await applicant.goto(`${world.baseUrl}/applications/${applicationId}/review`);
    await clickButton(applicant, '重新提交');
    await confirmDialog(applicant, '确认提交');
    await waitForText(applicant, '正在审核中');
  });

  it('shows the agency exactly what changed; the agency approves and the Torch centre recognises', async () => {
    await openTaskFromInbox(agency, world.baseUrl, number);
    await agency.waitForSelector('[data-testid="changes-since-return"]');
    const changed = await agency.$$eval('[data-testid="changes-since-return"] tbody tr td:first-child', (cells) => cells.map((c) => c.textContent));
    expect(changed).toEqual(['/plan/content']);
    await fillFields(agency, '.sb-task-form', { paperReceived: '是', paperVersion: 'V1.0', paperMatches: '是', opinion: '材料真实完整，同意上报。' });
    await agency.click('[data-testid="outcome-approve"]');
    await expectBackToInbox(agency);

    await openTaskFromInbox(torch, world.baseUrl, number);
    await fillFields(torch, '.sb-task-form', { opinion: '同意备案。' });
    await torch.click('[data-testid="outcome-recognise"]');
    await expectBackToInbox(torch);
  });

  it('tells the applicant the outcome, with the whole history', async () => {
    await applicant.goto(`${world.baseUrl}/applications/${applicationId}/review`);
    await waitForText(applicant, '审核已办结');
    const history = await applicant.$eval('.ant-timeline', (node) => node.textContent ?? '');
    for (const step of ['提交申报', '退回', '重新提交', '办结']) expect(history).toContain(step);
    expect(history).toContain(reason);
  });
});

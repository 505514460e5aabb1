/**
 * 国家备案众创空间 2021 in a real browser, every step through the UI: the operator registers, prints the letter of
 * commitment and uploads it signed and stamped, fills the eight sections in the generated forms (detail tables with
 * a few rows each, evidence files, the accepting agency), sees the totals computed from the tables, generates the
 * versioned application book and submits; the agency returns it with a reason; the applicant edits one section and
 * submits again; the agency sees exactly that change, checks the paper version against the system's and approves;
 * the Torch centre recognises; the applicant sees the outcome and the history.
 */
import { writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ElementHandle, Page } from 'puppeteer-core';
import {
  clickButton, confirmDialog, createReviewer, expectBackToInbox, fillFields, login, minimalPdf, newPage, openTaskFromInbox, registerInUi,
  repoRoot, returnWithReason, startApplication, startWorld, waitForText, type BrowserWorld,
} from './harness.ts';
import { fillSectionInUi, readProgrammeForms, type ProgrammeForms } from './form-filler.ts';

const programmeId = 'national-makerspace-filing-2021';
const reason = '发展思路、目标及措施过于笼统，请量化目标';
const organisations = { 'jiangsu-st': { category: '省级科技管理部门（受理机构）', unit: '江苏省科学技术厅' } };

type Rows = Array<Record<string, unknown>>;
/** The fixture's rows at the given positions: enough rows to walk every branch of the table, not all of them. */
const pick = (rows: unknown, ...indexes: number[]): Rows => indexes.map((index) => (rows as Rows)[index]!);

describe('national makerspace filing in the browser', () => {
  let world: BrowserWorld;
  let forms: ProgrammeForms;
  let applicant: Page;
  let agency: Page;
  let torch: Page;
  let pdf = '';
  let applicationId = '';
  let number = '';
  let bookVersion = '';
  let agencyMobile = '';
  let torchMobile = '';

  beforeAll(async () => {
    world = await startWorld([programmeId]);
    forms = await readProgrammeForms(path.join(repoRoot, 'programmes', programmeId));
    agencyMobile = await createReviewer(world.app, 'jiangsu-st');
    torchMobile = await createReviewer(world.app, 'torch');
    [applicant, agency, torch] = await Promise.all([newPage(world), newPage(world), newPage(world)]);
    pdf = path.join(os.tmpdir(), `evidence-nm-${process.pid}.pdf`);
    await writeFile(pdf, minimalPdf());
  });
  afterAll(async () => world?.close());
  afterEach(async (context) => {
    if (context.task.result?.state !== 'fail') return;
    const name = context.task.name.replace(/\W+/g, '-').slice(0, 40);
    for (const [who, page] of Object.entries({ applicant, agency, torch })) await page?.screenshot({ path: path.join(os.tmpdir(), `sb-fail-nm-${name}-${who}.png`) });
  });

  it('registers the operator and uploads the signed and stamped letter of commitment', async () => {
    await registerInUi(world, applicant, '苏州星火创客科技服务有限公司', '91320505MA1MXK3B2X');
    applicationId = await startApplication(applicant, world.baseUrl, programmeId);
    await applicant.goto(`${world.baseUrl}/applications/${applicationId}/review`);
    await (await applicant.waitForSelector('[data-testid="print-commitment-generate"]'))!.click();
    await applicant.waitForSelector('[data-testid="print-commitment-open"]', { timeout: 60_000 });
    const scan = (await applicant.$('input[data-testid="print-commitment-scan-input"]')) as ElementHandle<HTMLInputElement> | null;
    await scan!.uploadFile(pdf);
    await waitForText(applicant, '盖章扫描件已上传');
    number = await applicant.$eval('.sb-page-head p', (p) => p.textContent?.split('：')[1] ?? '');
    expect(number).not.toBe('');
  });

  it('fills the eight sections through the form widgets; totals and counts follow the tables', async () => {
    const { data } = forms.fixture;
    const subset: Record<string, Record<string, unknown>> = {
      ...data,
      basic: { ...data.basic, mediaReports: pick(data.basic!.mediaReports, 0, 2), honours: pick(data.basic!.honours, 1) },
      staff: { ...data.staff, staff: pick(data.staff!.staff, 0, 2), mentors: pick(data.staff!.mentors, 0, 3) },
      // Teams: in the space, converted (with investment), moved out; enterprises: from that team, and one moved out.
      incubation: {
        ...data.incubation,
        teams: pick(data.incubation!.teams, 0, 1, 2),
        enterprises: pick(data.incubation!.enterprises, 0, 3),
        activities: pick(data.incubation!.activities, 0),
      },
    };
    for (const section of forms.sections) {
      await fillSectionInUi(applicant, world.baseUrl, applicationId, section, subset[section.id]!, { file: pdf, organisations });
      const shown = (id: string) => applicant.$eval(`.sb-section-form [id="${id}"]`, (node) => (node as HTMLInputElement).value);
      if (section.id === 'basic') {
        expect(await shown('root_mediaReportCount')).toBe('2');
        expect(await shown('root_honourCount')).toBe('1');
      }
      if (section.id === 'site') {
        // Both sites: 2400 + 800 m², of which (1500 + 520) team and (620 + 200) public area.
        expect(await shown('root_totalArea')).toBe('3200');
        expect(await shown('root_teamArea')).toBe('2020');
        expect(await shown('root_workstations')).toBe('350');
        expect(await shown('root_serviceAreaRatio')).toBe('88.75%');
      }
      if (section.id === 'staff') {
        expect(await shown('root_staffCount')).toBe('4');
        expect(await shown('root_mentorCount')).toBe('2');
      }
      if (section.id === 'incubation') {
        // A team that moved out has no member count and no conversion date to give.
        expect(await applicant.$eval('.sb-section-form [id="root_teams_2_memberCount"]', (node) => (node as HTMLInputElement).disabled)).toBe(true);
        expect(await applicant.$eval('.sb-section-form [id="root_teams_2_convertedOn"]', (node) => (node as HTMLInputElement).disabled)).toBe(true);
      }
    }
    await applicant.goto(`${world.baseUrl}/applications/${applicationId}/review`);
    await waitForText(applicant, '填写完整，符合申报条件，可以提交');
    const marks = await applicant.$$eval('[data-mark]', (nodes) => nodes.map((n) => n.getAttribute('data-mark')));
    expect(marks).toEqual(forms.sections.map(() => 'done'));
  });

  it('generates the versioned application book and submits to the chosen agency', async () => {
    await (await applicant.waitForSelector('[data-testid="print-book-generate"]'))!.click();
    await applicant.waitForSelector('[data-testid="print-book-open"]', { timeout: 60_000 });
    bookVersion = await applicant.$eval('[data-testid="print-book-version"]', (node) => node.textContent?.trim() ?? '');
    expect(bookVersion).not.toBe('');
    await clickButton(applicant, '提交申报');
    await confirmDialog(applicant, '确认提交');
    await waitForText(applicant, '正在审核中');
    // The notice gives no withdrawal once submitted: no button is offered.
    expect(await applicant.$$eval('button', (buttons) => buttons.some((b) => b.textContent?.includes('撤回')))).toBe(false);
  });

  it('is returned by the agency with a reason', async () => {
    await login(agency, world.baseUrl, agencyMobile, '/reviewer/inbox');
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
    // By section and field title, the pointer only on hover.
    const changed = await agency.$$eval('[data-testid="changes-since-return"] tbody tr', (rows) => rows.map((row) => [...row.querySelectorAll('td')].slice(0, 2).map((cell) => cell.textContent)));
    expect(changed).toEqual([['发展思路、目标及措施', '发展思路、目标及措施']]); // the section and its one field share the title
    expect(await agency.$eval('[data-testid="changes-since-return"] tbody tr td:nth-child(2) span', (span) => span.getAttribute('title'))).toBe('/plan/content');
    // The paper version is asked for only once the paper has arrived.
    expect(await agency.$eval('.sb-task-form [id="root_paperVersion"]', (node) => (node as HTMLInputElement).disabled)).toBe(true);
    await fillFields(agency, '.sb-task-form', { paperReceived: '是', paperVersion: bookVersion, paperMatches: '是', opinion: '材料真实完整，同意上报。' });
    await agency.click('[data-testid="outcome-approve"]');
    await expectBackToInbox(agency);

    await login(torch, world.baseUrl, torchMobile, '/reviewer/inbox');
    await openTaskFromInbox(torch, world.baseUrl, number);
    await fillFields(torch, '.sb-task-form', { opinion: '同意备案。' });
    await torch.click('[data-testid="outcome-recognise"]');
    await expectBackToInbox(torch);
  });

  it('tells the applicant the outcome, with the whole history', async () => {
    await applicant.goto(`${world.baseUrl}/applications/${applicationId}/review`);
    await applicant.waitForSelector('[data-testid="final-status"]');
    expect(await applicant.$eval('[data-testid="final-status"]', (node) => node.textContent)).toContain('审核已办结');
    const history = await applicant.$eval('.ant-timeline', (node) => node.textContent ?? '');
    for (const step of ['提交申报', '退回', '重新提交', '办结']) expect(history).toContain(step);
    expect(history).toContain(reason);
  });
});

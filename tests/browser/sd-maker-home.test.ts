/**
 * The Shandong maker-home round in a real browser against the real server, every step through the UI: an applicant
 * registers, fills every section in the generated forms (typing, choosing, adding rows, uploading evidence), prints
 * the form, uploads the stamped scan and submits; the recommending unit returns it with a reason; the applicant
 * resubmits; the unit approves, ranks within its quota and reports once; the provincial association reviews, enters
 * the expert review and recognises it; the applicant sees the result. With SCREENSHOTS=1 the main screens go to
 * docs/screenshots/.
 */
import { writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ElementHandle, Page } from 'puppeteer-core';
import {
  clickButton, confirmDialog, createReviewer, expectBackToInbox, fillFields, minimalPdf, newPage, openTaskFromInbox, registerInUi, repoRoot, screenshot, startWorld, waitForText,
  login, type BrowserWorld,
} from './harness.ts';
import { expectAccessible } from './axe.ts';
import { fillSectionInUi, readProgrammeForms, type ProgrammeForms } from './form-filler.ts';

const programmeId = 'sd-maker-home-2020';
const recommender = 'jinan-kx';
const organisations = { [recommender]: { category: '市科协', unit: '济南市科学技术协会' } };

describe('Shandong maker homes in the browser', () => {
  let world: BrowserWorld;
  let forms: ProgrammeForms;
  let applicant: Page;
  let reviewer: Page;
  let province: Page;
  let pdf = '';
  let applicationId = '';
  let number = '';
  let reviewerMobile = '';
  let provinceMobile = '';

  beforeAll(async () => {
    world = await startWorld([programmeId]);
    forms = await readProgrammeForms(path.join(repoRoot, 'programmes', programmeId));
    reviewerMobile = await createReviewer(world.app, recommender);
    provinceMobile = await createReviewer(world.app, 'sd-kx');
    [applicant, reviewer, province] = await Promise.all([newPage(world), newPage(world), newPage(world)]);
    pdf = path.join(os.tmpdir(), `evidence-${process.pid}.pdf`);
    await writeFile(pdf, minimalPdf());
  });
  afterAll(async () => world?.close());
  // A failed step leaves pictures of the browsers behind, which says more than a timeout.
  afterEach(async (context) => {
    if (context.task.result?.state !== 'fail') return;
    const name = context.task.name.replace(/\W+/g, '-').slice(0, 40);
    for (const [who, page] of Object.entries({ applicant, reviewer, province })) await page?.screenshot({ path: path.join(os.tmpdir(), `sb-fail-${name}-${who}.png`) });
  });

  it('registers with a mobile number and an SMS code and starts an application from the programme list', async () => {
    await applicant.goto(`${world.baseUrl}/login`);
    await applicant.waitForSelector('input[type="password"]');
    await screenshot(applicant, 'login');
    await expectAccessible(applicant, 'login');
    await registerInUi(world, applicant, '济南泉创科技孵化器有限公司');
    await applicant.waitForSelector(`[data-testid="programme-${programmeId}"]`);
    await waitForText(applicant, '正在受理');
    await screenshot(applicant, 'programme-list');
    await expectAccessible(applicant, 'programme list');
    await applicant.click(`[data-testid="programme-${programmeId}"] .ant-list-item-action button`);
    await applicant.waitForFunction(() => /\/applications\/[^/]+\/sections\//.test(location.pathname));
    applicationId = decodeURIComponent(new URL(applicant.url()).pathname.split('/')[2]!);
    await applicant.waitForSelector('.sb-section-form form');
    // zh-CN by default, with the required marks on the fields the notice marks with *.
    expect(await applicant.$eval('html', (html) => html.lang)).toBe('zh-CN');
    expect(await applicant.$$eval('label.ant-form-item-required', (labels) => labels.map((l) => l.textContent))).toEqual(expect.arrayContaining(['创新创业服务平台名称', '推荐单位名称']));
    number = await applicant.$eval('.sb-page-head p', (p) => p.textContent?.split('：')[1] ?? '');
    expect(number).not.toBe('');
  });

  it('fills every section through the form widgets and sees the completion marks and an all-clear precheck', async () => {
    const { data } = forms.fixture;
    for (const section of forms.sections) {
      const sectionData = section.id === 'attachments'
        ? { items: (data.attachments!.items as unknown[]).slice(0, 2) } // two rows of the four are enough to show the table
        : data[section.id]!;
      const operated = await fillSectionInUi(applicant, world.baseUrl, applicationId, section, sectionData, { file: pdf, organisations });
      expect(operated).toBeGreaterThan(0);
      if (section.id === 'service') {
        await applicant.evaluate(() => window.scrollTo(0, 0));
        await screenshot(applicant, 'section-form');
        await expectAccessible(applicant, 'section form');
      }
      if (section.id === 'profile') {
        const overview = String(data.profile!.overview);
        expect(await applicant.$eval('[id="root_overview__counter"]', (node) => node.textContent)).toBe(`还能输入 ${2000 - [...overview].length} 个字`);
      }
    }
    await applicant.goto(`${world.baseUrl}/applications/${applicationId}/review`);
    await waitForText(applicant, '填写完整，符合申报条件，可以提交');
    // What was typed and chosen is what the server kept: the sections read back as a document, units by name.
    await applicant.waitForFunction(() => document.querySelector('#section-service [data-pointer="/platformName"]')?.textContent === '泉城创客汇众创空间');
    await applicant.waitForFunction(() => document.querySelector('#section-service [data-pointer="/recommender"]')?.textContent === '济南市科学技术协会');
    expect(await applicant.$$('#section-service input, #section-service button')).toHaveLength(0);
    await screenshot(applicant, 'application-review');
    await expectAccessible(applicant, 'application review');
    const marks = await applicant.$$eval('[data-mark]', (nodes) => nodes.map((n) => n.getAttribute('data-mark')));
    expect(marks.length).toBe(forms.sections.length);
    expect(new Set(marks)).toEqual(new Set(['done']));
  });

  it('prints the form, uploads the stamped scan and submits with a confirm', async () => {
    await applicant.click('[data-testid="print-book-generate"]');
    await applicant.waitForSelector('[data-testid="print-book-open"]', { timeout: 60_000 });
    const input = (await applicant.$('input[data-testid="print-book-scan-input"]')) as ElementHandle<HTMLInputElement> | null;
    await input!.uploadFile(pdf);
    await waitForText(applicant, '盖章扫描件已上传');
    await clickButton(applicant, '提交申报');
    await confirmDialog(applicant, '确认提交');
    await waitForText(applicant, '正在审核中');
  });

  it('marks what the chosen outcome requires, then lets the recommending unit return it with a required reason', async () => {
    await login(reviewer, world.baseUrl, reviewerMobile, '/reviewer/inbox');
    await waitForText(reviewer, '济南泉创科技孵化器有限公司');
    await screenshot(reviewer, 'inbox');
    await expectAccessible(reviewer, 'inbox');
    await openTaskFromInbox(reviewer, world.baseUrl, number);
    await reviewer.waitForSelector('[data-testid="outcome-return"]');
    await reviewer.evaluate(() => window.scrollTo(0, 0));
    await screenshot(reviewer, 'review');
    await expectAccessible(reviewer, 'task page');
    // The stamped book and the site visit are required only for 通过: no mark until the reviewer picks it.
    expect(await requiredMarks(reviewer)).toEqual(['推荐单位联系人', '推荐单位联系人手机', '推荐单位联系人电话', '审核意见']);
    await pickOutcome(reviewer, '通过');
    await reviewer.waitForFunction(() => document.querySelector('label[for="root_stampedBook"]')?.classList.contains('ant-form-item-required'));
    expect(await requiredMarks(reviewer)).toEqual(['上传盖章后的申报书', '实地查看日期', '推荐单位联系人', '推荐单位联系人手机', '推荐单位联系人电话', '审核意见']);
    await fillTaskForm(reviewer);
    await reviewer.$eval('.sb-task-form', (node) => node.scrollIntoView());
    await screenshot(reviewer, 'review-task-form');
    await pickOutcome(reviewer, '退回');
    await reviewer.waitForFunction(() => !document.querySelector('label[for="root_stampedBook"]')?.classList.contains('ant-form-item-required'));
    expect(await requiredMarks(reviewer)).toEqual(['推荐单位联系人', '推荐单位联系人手机', '推荐单位联系人电话', '审核意见']);
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
    await openTaskFromInbox(reviewer, world.baseUrl, number);
    await reviewer.waitForSelector('[data-testid="outcome-approve"]');
    await waitForText(reviewer, '退回后申报单位未修改内容');
    await pickOutcome(reviewer, '通过');
    await fillTaskForm(reviewer);
    // Issue 13: 通过 without what approving requires is refused; every typed value stays, the form stays editable,
    // the draft is autosaved on the task and comes back after a reload.
    await reviewer.click('[data-testid="outcome-approve"]');
    await reviewer.waitForSelector('[data-testid="task-error"]');
    await reviewer.waitForFunction(() => Boolean(document.getElementById('root_siteVisitedOn')?.closest('.ant-form-item')?.querySelector('.ant-form-item-explain-error')));
    const typedTask = { contactName: '张主任', contactMobile: '13905310001', contactPhone: '0531-86001234', opinion: '同意推荐' };
    const taskValues = () => reviewer.$$eval('.sb-task-form input, .sb-task-form textarea', (inputs) => Object.fromEntries(inputs.filter((input) => input.id.startsWith('root_')).map((input) => [input.id.slice(5), (input as HTMLInputElement).value])));
    expect(await taskValues()).toMatchObject(typedTask);
    await fillFields(reviewer, '.sb-task-form', { opinion: '同意推荐，场地核查属实' });
    expect(await taskValues()).toMatchObject({ ...typedTask, opinion: '同意推荐，场地核查属实' });
    await reviewer.waitForFunction(() => /已于 [\d:]+ 自动保存/.test(document.querySelector('.sb-task-form .sb-save-bar')?.textContent ?? ''), { timeout: 30_000 });
    await reviewer.reload();
    await reviewer.waitForSelector('.sb-task-form [id="root_opinion"]');
    expect(await taskValues()).toMatchObject({ ...typedTask, opinion: '同意推荐，场地核查属实' });
    await pickOutcome(reviewer, '通过');
    // Approving needs the stamped book (uploaded through the attachment widget) and the site-visit date.
    const stampedBook = (await reviewer.$('.sb-task-form input[data-testid="root_stampedBook__input"]')) as ElementHandle<HTMLInputElement> | null;
    await stampedBook!.uploadFile(pdf);
    await reviewer.waitForSelector('.sb-task-form [id="root_stampedBook"] a[href^="/api/files/"]');
    await reviewer.click('.sb-task-form [id="root_siteVisitedOn"]');
    await reviewer.keyboard.type('2020-10-22');
    await reviewer.keyboard.press('Enter');
    await reviewer.click('[data-testid="outcome-approve"]');
    await expectBackToInbox(reviewer);
    await waitForText(reviewer, '以下推荐名额需要排序并上报');
    await reviewer.click('.ant-alert a[href^="/rankings/"]');
    await reviewer.waitForSelector('[data-testid="ranking-quota"]');
    // The quota tag shows at once; the candidates arrive with the ranking query, a moment later.
    await reviewer.waitForSelector(`[data-testid="rank-include-${number}"]`);
    await reviewer.click(`[data-testid="rank-include-${number}"]`);
    await waitForText(reviewer, '已选 1 / 限 2');
    // The recommender may export its own summary, not the province's.
    const exportButtons = await reviewer.$$eval('a[href^="/api/exports/"]', (links) => links.map((a) => a.textContent?.trim()));
    expect(exportButtons).toEqual(['推荐汇总表']);
    await screenshot(reviewer, 'ranking');
    await reviewer.click('[data-testid="ranking-report"]');
    await waitForText(reviewer, '上报只能进行一次');
    await confirmDialog(reviewer, '确认上报');
    await waitForText(reviewer, '不能再修改');
  });

  it('is reviewed by the provincial association, scored by the experts and recognised', async () => {
    await login(province, world.baseUrl, provinceMobile, '/reviewer/inbox');
    await openTaskFromInbox(province, world.baseUrl, number);
    await waitForText(province, '省科协审核');
    await fillFields(province, '.sb-task-form', { paperReceived: '是', opinion: '材料齐全，同意提交专家评审。' });
    await province.click('[data-testid="outcome-approve"]');
    await expectBackToInbox(province);

    await openTaskFromInbox(province, world.baseUrl, number);
    await waitForText(province, '专家评审');
    await fillFields(province, '.sb-task-form', { score: '86', opinion: '服务体系完善，孵化成效明显。' });
    expect(await province.$eval('[data-testid="outcome-complete"]', (button) => button.textContent?.replace(/\s/g, ''))).toBe('完成');
    await province.click('[data-testid="outcome-complete"]');
    await expectBackToInbox(province);

    await openTaskFromInbox(province, world.baseUrl, number);
    await waitForText(province, '择优评选');
    // The province sees the whole way here: the recommender's report and the expert score.
    await waitForText(province, '服务体系完善，孵化成效明显。');
    await fillFields(province, '.sb-task-form', { opinion: '认定为山东省创客之家。' });
    await province.click('[data-testid="outcome-recognise"]');
    await expectBackToInbox(province);
  });

  it('tells the applicant the result, with the whole history', async () => {
    await applicant.goto(`${world.baseUrl}/applications/${applicationId}/review`);
    await applicant.waitForSelector('[data-testid="final-status"]');
    const banner = await applicant.$eval('[data-testid="final-status"]', (node) => node.textContent ?? '');
    expect(banner).toContain('审核已办结');
    expect(banner).toContain('祝贺！贵单位获评2020年度“山东省创客之家”。');
    const history = await applicant.$eval('.ant-timeline', (node) => node.textContent ?? '');
    for (const step of ['提交申报', '退回', '场地面积证明不清晰，请重新上传', '重新提交', '上报', '省科协审核', '专家评审', '择优评选', '评为山东省创客之家', '办结']) expect(history).toContain(step);
    await applicant.goto(`${world.baseUrl}/my/applications`);
    await applicant.waitForFunction((wanted: string) => [...document.querySelectorAll('tr')].some((tr) => tr.textContent?.includes(wanted) && tr.textContent.includes('已办结')), {}, number);
  });
});

async function fillTaskForm(page: Page): Promise<void> {
  await fillFields(page, '.sb-task-form', { contactName: '张主任', contactMobile: '13905310001', contactPhone: '0531-86001234', opinion: '同意推荐' });
}

/** Picks an outcome in the task form's 审核结果 choice (which drives the outcome-dependent required marks). */
async function pickOutcome(page: Page, label: string): Promise<void> {
  await page.$$eval('[data-testid="outcome-choice"] .ant-radio-button-wrapper', (wrappers, wanted) => {
    const wrapper = wrappers.find((node) => node.textContent?.trim() === wanted);
    if (!wrapper) throw new Error(`no outcome ${wanted}`);
    (wrapper as HTMLElement).click();
  }, label);
  await page.waitForFunction((wanted: string) => document.querySelector('[data-testid="outcome-choice"] .ant-radio-button-wrapper-checked')?.textContent?.trim() === wanted, {}, label);
}

/** The task form's field labels that carry the required mark, in order. */
async function requiredMarks(page: Page): Promise<string[]> {
  return page.$$eval('.sb-task-form label.ant-form-item-required', (labels) => labels.map((label) => label.textContent?.trim() ?? ''));
}

/**
 * What the applicant is told while filling in (issue 13 item 7), in a real browser on the Jinan programme: 填报说明
 * before the first section with its paragraphs, the deadline countdown and the progress across sections on every
 * form page; a section whose values break a hard rule gets no green ✓; the precheck names each field by its title
 * with a link that opens its section at that field. Then the drafts: 开始申报 again continues the draft, 我的申报
 * deletes it after a confirm, and a reviewer sees no 开始申报.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { confirmDialog, createApplicant, createReviewer, gqlInPage, login, newPage, repoRoot, startApplication, startWorld, type BrowserWorld } from './harness.ts';
import { readProgrammeForms, type ProgrammeForms } from './form-filler.ts';

const programmeId = 'jn-sme-platform-2020';
const save = `mutation($a: ID!, $s: String!, $d: JSON!, $r: Int!) { saveSection(applicationId: $a, sectionId: $s, data: $d, sectionRevision: $r) { sectionRevision } }`;

describe('guidance on the form pages', () => {
  let world: BrowserWorld;
  let page: Page;
  let forms: ProgrammeForms;
  let applicationId = '';

  beforeAll(async () => {
    world = await startWorld([programmeId]);
    forms = await readProgrammeForms(path.join(repoRoot, 'programmes', programmeId));
    const mobile = await createApplicant(world.app, '填报指引测试有限公司');
    page = await newPage(world);
    await login(page, world.baseUrl, mobile);
  });
  afterAll(async () => world?.close());

  it('shows 填报说明 paragraph by paragraph before the first section, with the countdown and the progress', async () => {
    applicationId = await startApplication(page, world.baseUrl, programmeId);
    await page.waitForSelector('[data-testid="instructions"]');
    const paragraphs = await page.$$eval('[data-testid="instructions"] p', (nodes) => nodes.map((node) => node.textContent ?? ''));
    expect(paragraphs.length).toBe(4);
    expect(paragraphs[0]).toMatch(/^1\. 顺序填写申报表单内容/);
    await page.waitForFunction(() => /距申报截止还有 \d+天 \d\d:\d\d:\d\d/.test(document.querySelector('[data-testid="form-countdown"]')?.textContent ?? ''));
    expect(await page.$eval('[data-testid="section-progress"]', (node) => node.textContent)).toBe(`已完成 0 / ${forms.sections.length} 部分`);
    // Not on the next section: the notice is read once, before filling in; the countdown stays.
    await page.goto(`${world.baseUrl}/applications/${applicationId}/sections/${forms.sections[1]!.id}`);
    await page.waitForSelector('[data-testid="form-countdown"]');
    expect(await page.$('[data-testid="instructions"]')).toBeNull();
  });

  it('marks a section that breaks a hard rule as wrong, and the precheck names and links each field', async () => {
    const enterprise = { ...forms.fixture.data.enterprise!, registeredCapital: '0' };
    await gqlInPage(page, save, { a: applicationId, s: 'enterprise', d: enterprise, r: 0 });
    await page.goto(`${world.baseUrl}/applications/${applicationId}/sections/enterprise`);
    await page.waitForSelector('[data-mark="errors"]');
    expect(await page.$$eval('[data-mark]', (nodes) => nodes.map((node) => node.getAttribute('data-mark')))).toEqual(['errors', 'empty']);

    await page.goto(`${world.baseUrl}/applications/${applicationId}/review`);
    const rule = await page.waitForSelector('[data-testid="precheck-rule-registered-capital-positive"]');
    expect(await rule!.evaluate((node) => [node.getAttribute('data-severity'), node.classList.contains('ant-alert-error')])).toEqual(['hard', true]);
    expect(await rule!.evaluate((node) => node.textContent)).toContain('注册资本(万元)');
    // Field errors by title, never by pointer.
    const list = await page.$eval('[data-testid="precheck-problems"]', (node) => node.textContent ?? '');
    expect(list).not.toMatch(/\/(enterprise|uploads)\//);
    expect(await page.$$eval('[data-testid="precheck-section-uploads"] li a', (links) => links.length)).toBeGreaterThan(0);

    await rule!.$eval('a', (link) => (link as HTMLAnchorElement).click());
    await page.waitForFunction(() => location.pathname.endsWith('/sections/enterprise') && document.activeElement?.id === 'root_registeredCapital', { timeout: 20_000 });
  });

  it('continues the draft on 开始申报, deletes it from 我的申报 after a confirm; reviewers are offered no 开始申报', async () => {
    expect(await startApplication(page, world.baseUrl, programmeId)).toBe(applicationId);
    await page.goto(`${world.baseUrl}/my/applications`);
    await page.waitForSelector('tbody tr[data-row-key]');
    expect(await page.$$eval('tbody tr[data-row-key]', (rows) => rows.length)).toBe(1);
    const number = await page.$eval('tbody tr[data-row-key] td', (cell) => cell.textContent ?? '');
    await page.click(`[data-testid="delete-draft-${number}"]`);
    await confirmDialog(page, '确认删除');
    await page.waitForFunction(() => document.querySelectorAll('tbody tr[data-row-key]').length === 0);
    expect(await startApplication(page, world.baseUrl, programmeId)).not.toBe(applicationId);

    const reviewer = await newPage(world);
    await login(reviewer, world.baseUrl, await createReviewer(world.app, 'jn-lixia'));
    await reviewer.goto(`${world.baseUrl}/`);
    await reviewer.waitForSelector(`[data-testid="programme-${programmeId}"]`);
    expect(await reviewer.$$(`[data-testid="programme-${programmeId}"] .ant-list-item-action button`)).toHaveLength(0);
  });
});

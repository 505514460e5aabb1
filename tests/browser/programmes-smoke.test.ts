/**
 * Smoke path for the other programmes in a real browser: log in, start an application from the programme list,
 * type into the first field of the first section, 暂存, reload, and find the value kept. Then, on one of them, the
 * interface languages: Chinese by default with inline Chinese errors at the fields, English on request (the same
 * errors in English, the whole screen in English, kept over a reload), and back.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { clickButton, createApplicant, login, newPage, startApplication, startWorld, waitForText, type BrowserWorld } from './harness.ts';

const cases = [
  { programmeId: 'jn-sme-platform-2020', field: 'operatorName', value: '济南中小企业服务中心有限公司' },
  { programmeId: 'national-specialised-makerspace-4th', field: 'spaceName', value: '苏州智能制造专业化众创空间' },
  { programmeId: 'sx-makerspace-2022', field: 'address', value: '山西省太原市小店区长治路111号' },
];

describe('every other programme opens, fills and saves in the browser', () => {
  let world: BrowserWorld;
  let page: Page;

  beforeAll(async () => {
    world = await startWorld(cases.map((c) => c.programmeId));
    const mobile = await createApplicant(world.app, '冒烟测试科技有限公司');
    page = await newPage(world);
    await login(page, world.baseUrl, mobile);
  });
  afterAll(async () => world?.close());

  const applications = new Map<string, string>();

  for (const { programmeId, field, value } of cases) {
    it(`${programmeId}: starts, types, saves and reloads`, async () => {
      applications.set(programmeId, await startApplication(page, world.baseUrl, programmeId));
      const input = await page.waitForSelector(`[id="root_${field}"]`);
      await input!.type(value);
      await clickButton(page, '暂存');
      await page.waitForFunction(() => /已于 .+保存/.test(document.body.innerText));
      await page.reload();
      const kept = await page.waitForSelector(`[id="root_${field}"]`);
      expect(await kept!.evaluate((node) => (node as HTMLInputElement).value)).toBe(value);
    });
  }

  it('shows errors inline in Chinese at their fields; switches the screen to English and back', async () => {
    await page.goto(`${world.baseUrl}/applications/${applications.get('jn-sme-platform-2020')}/sections/enterprise`);
    await page.waitForSelector('[id="root_contactMobile"]');
    expect(await page.$eval('html', (html) => html.lang)).toBe('zh-CN');
    await page.type('[id="root_contactMobile"]', '1380000');
    await page.type('[id="root_uscc"]', '91320505MA1MXK3B2Y'); // the right code ends in X
    await clickButton(page, '暂存');
    await page.waitForFunction(() => /已于 [\d:]+ 保存/.test(document.querySelector('.sb-save-bar')?.textContent ?? ''));
    await waitForFieldError(page, 'root_contactMobile', '请输入正确的手机号码');
    await waitForFieldError(page, 'root_uscc', '统一社会信用代码校验位不正确');
    await waitForText(page, '本节有 2 处需要修改');

    await page.click('button[title="切换为英文界面"]');
    await waitForFieldError(page, 'root_contactMobile', 'Enter a valid mainland China mobile number');
    await waitForFieldError(page, 'root_uscc', 'The check character of the unified social credit code is wrong');
    expect(await page.$eval('html', (html) => html.lang)).toBe('en');
    for (const text of ['Programmes', 'My applications', 'Save draft', 'Jinan municipal SME public service demonstration platforms 2020']) await waitForText(page, text);

    // The choice is kept on this browser.
    await page.goto(`${world.baseUrl}/`);
    await waitForText(page, 'Jinan municipal SME public service demonstration platforms 2020');
    await waitForText(page, 'Open');
    expect(await page.$eval('.sb-nav', (nav) => nav.textContent)).toBe('ProgrammesMy applications');

    await page.click('button[title="Switch to Chinese"]');
    await waitForText(page, '2020年度济南市市级中小企业公共服务示范平台申报');
    expect(await page.$eval('.sb-nav', (nav) => nav.textContent)).toBe('申报项目我的申报');
    expect(await page.$eval('html', (html) => html.lang)).toBe('zh-CN');
  });
});

/** Waits until the form item of the field shows `text` as its inline error. */
async function waitForFieldError(page: Page, id: string, text: string): Promise<void> {
  await page.waitForFunction((fieldId: string, wanted: string) =>
    document.getElementById(fieldId)?.closest('.ant-form-item')?.querySelector('.ant-form-item-explain-error')?.textContent?.includes(wanted) ?? false, {}, id, text);
}

/**
 * Smoke path for the other programmes in a real browser: log in, start an application from the programme list,
 * type into the first field of the first section, 暂存, reload, and find the value kept.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { clickButton, createApplicant, login, newPage, startApplication, startWorld, type BrowserWorld } from './harness.ts';

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

  for (const { programmeId, field, value } of cases) {
    it(`${programmeId}: starts, types, saves and reloads`, async () => {
      await startApplication(page, world.baseUrl, programmeId);
      const input = await page.waitForSelector(`[id="root_${field}"]`);
      await input!.type(value);
      await clickButton(page, '暂存');
      await page.waitForFunction(() => /已于 .+保存/.test(document.body.innerText));
      await page.reload();
      const kept = await page.waitForSelector(`[id="root_${field}"]`);
      expect(await kept!.evaluate((node) => (node as HTMLInputElement).value)).toBe(value);
    });
  }
});

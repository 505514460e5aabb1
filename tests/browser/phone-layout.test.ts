/**
 * The applicant's pages on a phone (390 x 844, an iPhone 12-14 in portrait): nothing wider than the screen (no
 * sideways scrolling), the header on one or two lines rather than one character per line, and 暂存 on screen — on the
 * login page, the programme list, 我的申报 and a section form. axe-core checks the same screens at this size.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ElementHandle, Page } from 'puppeteer-core';
import { expectAccessible } from './axe.ts';
import { createApplicant, login, newPage, startApplication, startWorld, waitForText, type BrowserWorld } from './harness.ts';

const programmeId = 'jn-sme-platform-2020';
const phone = { width: 390, height: 844, deviceScaleFactor: 2, isMobile: true, hasTouch: true };

/** What overflows: the document's width and the widest elements that stick out on the right, for the message. */
async function layout(page: Page): Promise<{ scrollWidth: number; wide: string[] }> {
  // Against the phone's width, not innerWidth: a mobile browser widens its layout viewport to content that overflows.
  return page.evaluate((width: number) => {
    const wide = [...document.querySelectorAll<HTMLElement>('body *')]
      .filter((node) => node.getBoundingClientRect().right > width + 0.5 && node.getClientRects().length > 0)
      .slice(0, 6)
      .map((node) => `${node.tagName.toLowerCase()}.${[...node.classList].join('.')} right=${Math.round(node.getBoundingClientRect().right)}`);
    return { scrollWidth: document.documentElement.scrollWidth, wide };
  }, phone.width);
}

async function expectFits(page: Page, screen: string): Promise<void> {
  const { scrollWidth, wide } = await layout(page);
  expect(scrollWidth, `${screen} is wider than the phone: ${wide.join('; ')}`).toBeLessThanOrEqual(phone.width);
}

/** The header's nav links each on one line: a link one character wide would be many lines tall. */
async function expectHeaderReadable(page: Page): Promise<void> {
  const heights = await page.$$eval('.sb-header a, .sb-user', (nodes) => nodes.map((node) => {
    const lineHeight = Number.parseFloat(getComputedStyle(node).lineHeight) || 24;
    return Math.round(node.getBoundingClientRect().height / lineHeight);
  }));
  expect(heights.length).toBeGreaterThan(0);
  for (const lines of heights) expect(lines).toBeLessThanOrEqual(2);
}

describe('applicant pages on a phone', () => {
  let world: BrowserWorld;
  let page: Page;
  let mobile = '';

  beforeAll(async () => {
    world = await startWorld([programmeId]);
    mobile = await createApplicant(world.app, '手机布局测试科技服务有限公司');
    page = await newPage(world);
    await page.setViewport(phone);
  });
  afterAll(async () => world?.close());

  it('shows the login page within the screen', async () => {
    await page.goto(`${world.baseUrl}/login`);
    await page.waitForSelector('input[type="password"]');
    await expectFits(page, 'login');
    await expectHeaderReadable(page);
    await expectAccessible(page, 'login on a phone');
  });

  it('shows the programme list and 我的申报 within the screen, with a readable header', async () => {
    await login(page, world.baseUrl, mobile);
    await page.waitForSelector(`[data-testid="programme-${programmeId}"]`);
    await waitForText(page, '正在受理');
    await expectFits(page, 'programme list');
    await expectHeaderReadable(page);
    await expectAccessible(page, 'programme list on a phone');
    const applicationId = await startApplication(page, world.baseUrl, programmeId);
    await page.goto(`${world.baseUrl}/my/applications`);
    await page.waitForFunction(() => document.querySelectorAll('tbody tr[data-row-key]').length > 0);
    expect(await page.$$eval('tbody tr[data-row-key]', (rows) => rows.map((row) => row.getAttribute('data-row-key')))).toContain(applicationId);
    await expectFits(page, 'my applications');
    await expectAccessible(page, 'my applications on a phone');
  });

  it('fits a section form on the screen with 暂存 reachable, and saves from there', async () => {
    await page.goto(`${world.baseUrl}/`);
    const applicationId = await startApplication(page, world.baseUrl, programmeId);
    await page.waitForSelector('[id="root_operatorName"]');
    await expectFits(page, 'section form');
    await expectHeaderReadable(page);
    const handle = await page.waitForFunction(() => [...document.querySelectorAll('button')].find((b) => b.textContent?.replace(/\s/g, '') === '暂存') ?? null);
    const save = handle.asElement() as ElementHandle<Element>;
    const box = await save.boundingBox();
    expect(box, '暂存 is laid out').not.toBeNull();
    expect(box!.x).toBeGreaterThanOrEqual(0);
    expect(box!.x + box!.width).toBeLessThanOrEqual(phone.width);
    await expectAccessible(page, 'section form on a phone');
    // Typed and saved on the phone, 暂存 tapped where it is.
    await page.type('[id="root_operatorName"]', '手机填报服务中心');
    await save.tap();
    await page.waitForFunction(() => /已于 .+保存/.test(document.body.innerText));
    await page.goto(`${world.baseUrl}/applications/${applicationId}/sections/enterprise`);
    const kept = await page.waitForSelector('[id="root_operatorName"]');
    expect(await kept!.evaluate((node) => (node as HTMLInputElement).value)).toBe('手机填报服务中心');
  });
});

/**
 * Accessibility check for browser tests: runs axe-core on the page as it is and fails on any critical or serious
 * violation, listing each rule with the elements it found (selector and a snippet of their HTML), so that a failure
 * says what to fix. Minor and moderate findings are not gates (the issue asks for 0 critical and 0 serious).
 */
import { createRequire } from 'node:module';
import { readFile } from 'node:fs/promises';
import type { Page } from 'puppeteer-core';
import type { AxeResults, Result } from 'axe-core';

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
let axeSource: Promise<string> | undefined;

const gating = new Set(['critical', 'serious']);

/** The critical and serious violations on the page, formatted one rule per paragraph. */
export async function axeViolations(page: Page): Promise<Result[]> {
  axeSource ??= readFile(axePath, 'utf8');
  const source = await axeSource;
  // Injected through the DevTools protocol, which the page's Content-Security-Policy does not govern.
  await page.evaluate(source);
  // Any antd animation (a toast, a fading drawer) would be measured mid-way: wait for the page to settle.
  await page.waitForFunction(() => !document.querySelector('.ant-message-notice, .ant-zoom-appear, .ant-fade-appear, .ant-motion-collapse'), { timeout: 15_000 });
  const results = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<AxeResults> } }).axe;
    return axe.run(document, { resultTypes: ['violations'] });
  }) as AxeResults;
  return results.violations.filter((violation) => gating.has(violation.impact ?? ''));
}

export function formatAxe(violations: Result[]): string {
  return violations.map((violation) => [
    `${violation.impact}: ${violation.id} — ${violation.help} (${violation.nodes.length})`,
    ...violation.nodes.slice(0, 8).map((node) => `  ${node.target.join(' ')}  ${node.html.slice(0, 160)}${node.failureSummary ? `\n    ${node.failureSummary.replace(/\n/g, ' ')}` : ''}`),
  ].join('\n')).join('\n\n');
}

/** Fails when axe finds any critical or serious violation on the page; `screen` names it in the message. */
export async function expectAccessible(page: Page, screen: string): Promise<void> {
  const violations = await axeViolations(page);
  if (violations.length > 0) throw new Error(`axe: ${violations.length} critical/serious rule(s) broken on ${screen}:\n${formatAxe(violations)}`);
}

/**
 * Listens on a page for Content-Security-Policy violations: the `securitypolicyviolation` event in every document the
 * page loads (installed before any script of the page runs), and the console's "Refused to …" lines, which Chromium
 * writes for violations the event does not reach (e.g. a blocked eval inside a worker). harness.ts watches every page
 * it opens and fails the test file at close when anything was reported, so no screen a browser test visits can
 * quietly break under the server's CSP (packages/server/src/http/security-headers.ts).
 */
import type { Page } from 'puppeteer-core';

export interface CspViolation {
  page: string;
  directive: string;
  blocked: string;
  sample?: string;
}

const violations = new Map<Page, CspViolation[]>();

declare global {
  interface Window {
    __sbReportCsp?: (violation: { directive: string; blocked: string; sample: string; url: string }) => void;
  }
}

export async function watchCsp(page: Page): Promise<void> {
  const found: CspViolation[] = [];
  violations.set(page, found);
  await page.exposeFunction('__sbReportCsp', (v: { directive: string; blocked: string; sample: string; url: string }) => {
    found.push({ page: v.url, directive: v.directive, blocked: v.blocked, sample: v.sample });
  });
  await page.evaluateOnNewDocument(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      window.__sbReportCsp?.({ directive: event.effectiveDirective, blocked: event.blockedURI, sample: event.sample, url: location.pathname });
    });
  });
  page.on('console', (message) => {
    const text = message.text();
    if (/Refused to (load|execute|apply|evaluate|connect|frame|create)|Content Security Policy/i.test(text)) {
      found.push({ page: page.url(), directive: 'console', blocked: text.slice(0, 300) });
    }
  });
}

/** Everything reported on the page so far. */
export function cspViolationsOf(page: Page): CspViolation[] {
  return violations.get(page) ?? [];
}

/** Everything reported on every watched page, and forgets those pages; the harness calls it when a world closes. */
export function takeCspViolations(): CspViolation[] {
  const found = [...violations.values()].flat();
  violations.clear();
  return found;
}

export function formatViolations(found: CspViolation[]): string {
  return found.map((v) => `${v.page}: ${v.directive} blocked ${v.blocked}${v.sample ? ` (${v.sample.slice(0, 80)})` : ''}`).join('\n');
}

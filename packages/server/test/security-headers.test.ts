/**
 * Issue 17, headers row: every answer — the SPA, its assets, /graphql, /api/files, /verify/*, a 404 — carries the
 * browser security headers (CSP with frame-ancestors 'none', X-Frame-Options, Referrer-Policy, Permissions-Policy,
 * nosniff), and HSTS exactly when COOKIE_SECURE=true. Whether the built SPA works under that CSP is checked by the
 * browser tests (tests/browser/csp-listener.ts).
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { describeEachDatabase } from './helpers/database.ts';
import { startAccountsApp, type AccountsTestApp } from './fixtures/accounts-app.ts';

const paths = ['/', '/my/applications', '/assets/index-missing.js', '/favicon.svg', '/graphql?query=%7BserverTime%7D', '/api/files/00000000-0000-0000-0000-000000000000', '/verify/NOPE-0000', '/healthz', '/no/such/api/api/x.json'];

function expectSecurityHeaders(response: LightMyRequestResponse, path: string): void {
  const csp = String(response.headers['content-security-policy'] ?? '');
  expect(csp, path).toContain("default-src 'self'");
  expect(csp, path).toContain("frame-ancestors 'none'");
  expect(csp, path).toContain("object-src 'none'");
  expect(csp, path).toContain("base-uri 'self'");
  expect(csp, path).not.toMatch(/script-src[^;]*'unsafe-inline'/);
  expect(response.headers['x-frame-options'], path).toBe('DENY');
  expect(response.headers['referrer-policy'], path).toBe('same-origin');
  expect(response.headers['x-content-type-options'], path).toBe('nosniff');
  expect(String(response.headers['permissions-policy']), path).toMatch(/camera=\(\).*geolocation=\(\)/);
  expect(response.headers['cross-origin-opener-policy'], path).toBe('same-origin');
  expect(response.headers['x-powered-by'], path).toBeUndefined();
}

describeEachDatabase('browser security headers', (db) => {
  let plain: AccountsTestApp;
  let https: AccountsTestApp;
  beforeAll(async () => {
    plain = await startAccountsApp(db());
    https = await startAccountsApp(db(), { COOKIE_SECURE: 'true' });
  });
  afterAll(async () => {
    await plain?.close();
    await https?.close();
  });

  it('are on every kind of answer, without HSTS over plain HTTP', async () => {
    for (const path of paths) {
      const response = await plain.app.inject({ method: 'GET', url: path });
      expectSecurityHeaders(response, path);
      expect(response.headers['strict-transport-security'], path).toBeUndefined();
    }
    const post = await plain.app.inject({ method: 'POST', url: '/graphql', payload: { query: '{ serverTime }' } });
    expectSecurityHeaders(post, 'POST /graphql');
  });

  it('add HSTS when COOKIE_SECURE=true (the platform is behind HTTPS)', async () => {
    for (const path of paths) {
      const response = await https.app.inject({ method: 'GET', url: path });
      expectSecurityHeaders(response, path);
      expect(response.headers['strict-transport-security'], path).toBe('max-age=31536000; includeSubDomains');
    }
  });
});

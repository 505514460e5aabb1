/**
 * Browser security headers on every answer (the SPA, its assets, /graphql, /api/files, /verify), set by
 * `@fastify/helmet`, plus a Permissions-Policy helmet does not write:
 *
 * - Content-Security-Policy: everything from this origin only; no plugins, no <base> tricks, forms post only here,
 *   and `frame-ancestors 'none'` so no other site can frame the platform (clickjacking). Two relaxations the web app
 *   needs, both checked by the browser tests (tests/browser/csp-listener.ts fails a test on any violation):
 *     `style-src 'unsafe-inline'` — antd writes its CSS-in-JS into <style> elements at run time, bpmn-js and
 *       React set style attributes, and the /verify page has its own <style>;
 *     `script-src 'unsafe-eval'` — the form validator (Ajv, through @rjsf/validator-ajv8) compiles each programme's
 *       JSON Schemas into functions in the browser. Scripts still come only from this origin: no inline script runs.
 *   `img-src data: blob:` for antd's icons and bpmn-js's diagram export; nothing is fetched from elsewhere.
 * - X-Frame-Options: DENY for browsers older than frame-ancestors.
 * - Referrer-Policy: same-origin (application ids in our URLs never leave for another site).
 * - Strict-Transport-Security: only when COOKIE_SECURE=true, i.e. the platform is served over HTTPS.
 * - Cross-Origin-Opener-Policy / -Resource-Policy: same-origin; X-Content-Type-Options: nosniff.
 * docs/security.md lists which of these a reverse proxy should not add a second time.
 */
import helmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';

export const contentSecurityPolicy = {
  'default-src': ["'self'"],
  'script-src': ["'self'", "'unsafe-eval'"],
  'style-src': ["'self'", "'unsafe-inline'"],
  'img-src': ["'self'", 'data:', 'blob:'],
  'font-src': ["'self'", 'data:'],
  'connect-src': ["'self'"],
  'worker-src': ["'self'", 'blob:'],
  'frame-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'self'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
};

/** Browser features the platform never uses, switched off for the page and anything it might embed. */
export const permissionsPolicy = [
  // Only names Chromium knows: an unknown one is reported as an error in every page's console.
  'camera=()', 'microphone=()', 'geolocation=()', 'payment=()', 'usb=()', 'magnetometer=()', 'gyroscope=()',
  'accelerometer=()', 'display-capture=()',
].join(', ');

export const hstsMaxAgeSeconds = 365 * 24 * 3600;

export async function registerSecurityHeaders(app: FastifyInstance, options: { https: boolean }): Promise<void> {
  await app.register(helmet, {
    global: true,
    contentSecurityPolicy: { useDefaults: false, directives: contentSecurityPolicy },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'same-origin' },
    strictTransportSecurity: options.https ? { maxAge: hstsMaxAgeSeconds, includeSubDomains: true } : false,
    crossOriginOpenerPolicy: { policy: 'same-origin' },
    crossOriginResourcePolicy: { policy: 'same-origin' },
    crossOriginEmbedderPolicy: false,
  });
  app.addHook('onSend', async (_request, reply) => {
    reply.header('Permissions-Policy', permissionsPolicy);
  });
}

/**
 * Serves the built web app (packages/web/dist) from the same origin as the API, so the session cookie needs no CORS.
 * Hashed assets under /assets/ are cached for a year; index.html is revalidated on every load so a deploy shows at
 * once. Any other GET that is not an API path gets index.html (the SPA routes itself); API paths get a JSON 404.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../errors.ts';
import type { AppModule } from '../graphql/module.ts';

export const defaultWebDistDir = fileURLToPath(new URL('../../../web/dist', import.meta.url));

/** Paths that belong to the server, never to the SPA: an unknown one is a 404, not the app shell. */
export const serverPathPrefixes = ['/graphql', '/graphiql', '/api', '/healthz', '/verify'];

const longCache = 'public, max-age=31536000, immutable';
const revalidate = 'no-cache';

export function isServerPath(url: string): boolean {
  const pathname = url.split('?')[0]!;
  return serverPathPrefixes.some((prefix) => pathname === prefix || pathname.startsWith(`${prefix}/`));
}

/** A browser navigation to an SPA route: GET/HEAD, not an API path, and not a file (no extension in the last part). */
function isAppRoute(request: FastifyRequest): boolean {
  if (request.method !== 'GET' && request.method !== 'HEAD') return false;
  if (isServerPath(request.url)) return false;
  const last = request.url.split('?')[0]!.split('/').pop() ?? '';
  return !last.includes('.');
}

function notFound(request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const error = new AppError('SB_ERR_NOT_FOUND', { what: `${request.method} ${request.url.split('?')[0]}` });
  return reply.status(404).send({ error: error.toJSON() });
}

const notBuiltPage = `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>申报平台 / shenbao</title></head>
<body style="font-family: sans-serif; max-width: 40em; margin: 4em auto; line-height: 1.6">
<h1>前端尚未构建 / The web app is not built yet</h1>
<p>服务器与 GraphQL 接口已在运行（<a href="/healthz">/healthz</a>）。请运行 <code>pnpm build:web</code>
（<code>npm start</code> 会自动构建）后刷新本页。</p>
<p>The server and its GraphQL API are running (<a href="/healthz">/healthz</a>). Run <code>pnpm build:web</code>
(<code>npm start</code> does it for you) and reload this page.</p>
</body></html>`;

export function createWebModule(options: { distDir: string }): AppModule {
  const { distDir } = options;
  const indexFile = path.join(distDir, 'index.html');
  return {
    name: 'web',
    async routes(app) {
      if (!existsSync(indexFile)) {
        app.setNotFoundHandler((request, reply) => {
          if (!isAppRoute(request)) return notFound(request, reply);
          return reply.status(503).header('cache-control', revalidate).type('text/html; charset=utf-8').send(notBuiltPage);
        });
        return;
      }
      await app.register(fastifyStatic, {
        root: distDir,
        prefix: '/',
        // Our own reply decorator would clash with any other module that registers @fastify/static.
        decorateReply: false,
        cacheControl: false,
        setHeaders: (reply, filePath) => {
          const relative = path.relative(distDir, filePath).split(path.sep).join('/');
          reply.header('cache-control', relative.startsWith('assets/') ? longCache : revalidate);
        },
      });
      app.setNotFoundHandler(async (request, reply) => {
        if (!isAppRoute(request)) return notFound(request, reply);
        // Read per request: index.html is small, and a rebuilt app is picked up without a restart.
        const html = await readFile(indexFile);
        return reply.header('cache-control', revalidate).type('text/html; charset=utf-8').send(html);
      });
    },
  };
}

export const webModule = createWebModule({ distDir: defaultWebDistDir });

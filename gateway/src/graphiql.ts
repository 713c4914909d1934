import { readFile } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { errorExchange, type Exchange } from '@tessera/runtime';

/** Where `pnpm build` puts the GraphiQL bundle. */
export const builtGraphiQL = fileURLToPath(new URL('../../graphiql/dist/', import.meta.url));

const contentTypes: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.ttf': 'font/ttf',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
};

/**
 * The page may load and ask only the hub itself: the browser refuses anything else, so the IDE works
 * with no internet and leaks nothing to a third party. Monaco's styles and workers need the exceptions.
 */
const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "worker-src 'self' blob:",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * GET /graphiql/...: the bundled GraphiQL, as static files. It reads no data (every query it sends is
 * a request like any other), so serving it is not a consultation.
 */
export function createGraphiQLRoute(folder: string): (request: IncomingMessage) => Promise<Exchange> {
  return async (request) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname.slice('/graphiql'.length);
    if (path === '') return { status: 308, headers: new Map([['location', '/graphiql/']]), body: '', probe: true };
    const relative = normalize(decoded(path === '/' ? '/index.html' : path) ?? '/..');
    const type = contentTypes[extname(relative)];
    if (relative.includes('..') || !type) return { ...errorExchange(404, 'NOT_FOUND', 'Not found.'), probe: true };
    try {
      const body = await readFile(join(folder, relative));
      const headers = new Map([
        ['content-type', type],
        ['content-security-policy', contentSecurityPolicy],
        ['x-content-type-options', 'nosniff'],
        // Built files carry a hash in their names; the page itself is looked at again each time.
        ['cache-control', relative === '/index.html' ? 'no-cache' : 'public, max-age=31536000, immutable'],
      ]);
      return { status: 200, headers, body, probe: true };
    } catch {
      const message = relative === '/index.html' ? 'GraphiQL is not built: run pnpm build.' : 'Not found.';
      return { ...errorExchange(404, 'NOT_FOUND', message), probe: true };
    }
  };
}

/** A path's percent-decoding, or nothing when it is malformed (answered as not found). */
function decoded(path: string): string | undefined {
  try {
    return decodeURIComponent(path);
  } catch {
    return undefined;
  }
}

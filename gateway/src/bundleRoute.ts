import { readFile } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { errorExchange, type Exchange } from '@tessera/runtime';

/** Where `pnpm build` puts the GraphiQL and console bundles. */
export const builtGraphiQL = fileURLToPath(new URL('../../graphiql/dist/', import.meta.url));
export const builtConsole = fileURLToPath(new URL('../../console/dist/', import.meta.url));

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

/** A page bundled into the build and served by the gateway under its own path. */
export interface Bundle {
  /** Where it is served: `/graphiql`, `/console`. */
  readonly mount: string;
  /** What to call it when it is not built. */
  readonly name: string;
  readonly folder: string;
  /**
   * The page may load and ask only the hub itself (and what is listed here): the browser refuses
   * anything else, so it works with no internet and leaks nothing to a third party.
   */
  readonly contentSecurityPolicy: string;
  /** Fills in what the page learns from the gateway serving it (the console's ways to sign in). */
  readonly page?: (html: string) => string;
}

/** A Content-Security-Policy of the hub itself, and the exceptions a page needs. */
export function selfOnly(exceptions: Readonly<Record<string, string>> = {}): string {
  const policy: Record<string, string> = {
    'default-src': "'self'",
    'script-src': "'self'",
    'style-src': "'self'",
    'img-src': "'self' data:",
    'font-src': "'self' data:",
    'connect-src': "'self'",
    'frame-ancestors': "'none'",
    'form-action': "'self'",
    ...exceptions,
  };
  return Object.entries(policy)
    .map(([directive, sources]) => `${directive} ${sources}`)
    .join('; ');
}

/** GraphiQL's bundle: Monaco's styles and workers need their exceptions to the policy. */
export function graphiqlBundle(folder: string): Bundle {
  return {
    mount: '/graphiql',
    name: 'GraphiQL',
    folder,
    contentSecurityPolicy: selfOnly({ 'style-src': "'self' 'unsafe-inline'", 'worker-src': "'self' blob:" }),
  };
}

/**
 * GET <mount>/...: a bundled page, as static files. It reads no data (every request it sends is a
 * request like any other), so serving it is not a consultation.
 */
export function createBundleRoute(bundle: Bundle): (request: IncomingMessage) => Promise<Exchange> {
  return async (request) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname.slice(bundle.mount.length);
    if (path === '')
      return { status: 308, headers: new Map([['location', `${bundle.mount}/`]]), body: '', probe: true };
    const relative = normalize(decoded(path === '/' ? '/index.html' : path) ?? '/..');
    const type = contentTypes[extname(relative)];
    if (relative.includes('..') || !type) return { ...errorExchange(404, 'NOT_FOUND', 'Not found.'), probe: true };
    const isPage = relative === '/index.html';
    try {
      const file = await readFile(join(bundle.folder, relative));
      const headers = new Map([
        ['content-type', type],
        ['content-security-policy', bundle.contentSecurityPolicy],
        ['x-content-type-options', 'nosniff'],
        ['referrer-policy', 'no-referrer'],
        // Built files carry a hash in their names; the page itself is looked at again each time.
        ['cache-control', isPage ? 'no-cache' : 'public, max-age=31536000, immutable'],
      ]);
      const body = isPage && bundle.page ? bundle.page(file.toString('utf8')) : file;
      return { status: 200, headers, body, probe: true };
    } catch {
      const message = isPage ? `${bundle.name} is not built: run pnpm build.` : 'Not found.';
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

import { mintInternalToken, readPrivateKey, type RequestIdentity } from '@tessera/runtime';

/** The plain header a baseline gateway forwards: the caller's identity as JSON, trusted as it is. */
export const identityHeader = 'x-bench-identity';

/**
 * What a baseline gateway puts in front of each subgraph call: the subgraphs accept nothing but a
 * signed internal token, so the header's identity is signed as it is, no check made, and the token
 * reused for 20 s per identity and subgraph (the hub signs one per call).
 */
export async function createIdentityForwarder(signingKeyFile: string) {
  const key = await readPrivateKey(signingKeyFile);
  const tokens = new Map<string, { token: string; at: number }>();
  return async (identity: string, subgraph: string): Promise<string> => {
    const cacheKey = `${subgraph} ${identity}`;
    const held = tokens.get(cacheKey);
    if (held && Date.now() - held.at < 20_000) return held.token;
    const token = await mintInternalToken(JSON.parse(identity) as RequestIdentity, subgraph, key);
    tokens.set(cacheKey, { token, at: Date.now() });
    return token;
  };
}

/** The subgraph URLs a baseline gateway is given (BENCH_SUBGRAPH_URLS: name=url pairs, comma-separated). */
export function subgraphUrlsFromEnv(): Record<string, string> {
  const pairs = (process.env.BENCH_SUBGRAPH_URLS ?? '').split(',').filter(Boolean);
  return Object.fromEntries(pairs.map((pair) => pair.split('=') as [string, string]));
}

export function signingKeyFileFromEnv(): string {
  const file = process.env.INTERNAL_SIGNING_KEY_FILE;
  if (!file) throw new Error('INTERNAL_SIGNING_KEY_FILE is required');
  return file;
}

import type { Fetcher, FetcherOpts, FetcherParams } from '@graphiql/toolkit';
import { buildSchema, introspectionFromSchema } from 'graphql';
import { utf8Fetch } from './utf8Fetch.ts';

/**
 * Partners may not introspect the hub. When the hub refuses GraphiQL's introspection, the fetcher asks
 * for the caller's contract instead (GET /contract, the same headers) and answers GraphiQL with it, so
 * completion and the documentation show exactly what the agreements could release to the caller.
 */
export function contractFetcher(fetcher: Fetcher, contractUrl: string): Fetcher {
  return async (params: FetcherParams, options?: FetcherOpts) => {
    const result = await fetcher(params, options);
    if (params.operationName !== 'IntrospectionQuery' || !isRefusedIntrospection(result)) return result;
    const response = await utf8Fetch(contractUrl, { headers: options?.headers as Record<string, string> | undefined });
    if (!response.ok) return result;
    const introspection = introspectionFromSchema(buildSchema(await response.text()));
    return { data: { ...introspection } };
  };
}

function isRefusedIntrospection(result: unknown): boolean {
  const errors = (result as { errors?: { extensions?: { code?: unknown } }[] } | null)?.errors ?? [];
  return errors.some((error) => error.extensions?.code === 'INTROSPECTION_DISABLED');
}

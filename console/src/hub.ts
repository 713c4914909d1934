import type { Purpose } from '@tessera/policies/vocabulary';

/** A GraphQL error as the hub answers it: a FORBIDDEN one names the field, its rule and legal basis. */
export interface HubError {
  readonly message: string;
  readonly path?: readonly (string | number)[];
  readonly extensions?: {
    readonly code?: string;
    readonly coordinate?: string;
    readonly rule?: string;
    readonly legalBasis?: string;
  };
}

/** One answer of the hub, with the request id its consultation record is filed under. */
export interface HubAnswer<T> {
  readonly data: T | null;
  readonly errors: readonly HubError[];
  readonly status: number;
  readonly requestId: string | null;
}

/** The declared purpose and justification, sent with every request. */
export interface DeclaredPurpose {
  readonly purpose: Purpose;
  readonly justification: string;
}

/** The hub as the signed-in user asks it: their token and their declared purpose on every request. */
export interface Hub {
  readonly token: string;
  readonly purpose: DeclaredPurpose | null;
  /** The headers every request carries: the token, and the purpose once declared. */
  headers(): Record<string, string>;
  ask<T>(query: string, variables?: Record<string, unknown>): Promise<HubAnswer<T>>;
}

/** The gateway's own GraphQL endpoint: the console adds no other way to the data. */
const endpoint = new URL('/', window.location.href).toString();

/**
 * The hub for one signed-in user. `onSignedOut` is told when the hub no longer accepts the token (it
 * expired, or its keys were rotated): the user must sign in again.
 */
export function createHub(token: string, purpose: DeclaredPurpose | null, onSignedOut: () => void): Hub {
  const headers = () => ({
    authorization: `Bearer ${token}`,
    ...(purpose ? { 'x-purpose': purpose.purpose, 'x-justification': utf8Bytes(purpose.justification) } : {}),
  });
  return {
    token,
    purpose,
    headers,
    async ask<T>(query: string, variables: Record<string, unknown> = {}): Promise<HubAnswer<T>> {
      let response: Response;
      try {
        response = await fetch(endpoint, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...headers() },
          body: JSON.stringify({ query, variables }),
        });
      } catch {
        return { data: null, errors: [{ message: 'The hub could not be reached.' }], status: 0, requestId: null };
      }
      const requestId = response.headers.get('x-request-id');
      if (response.status === 401) onSignedOut();
      try {
        const body = (await response.json()) as { data?: T | null; errors?: HubError[] };
        return { data: body.data ?? null, errors: body.errors ?? [], status: response.status, requestId };
      } catch {
        const errors = [{ message: `The hub answered ${response.status} with no GraphQL answer.` }];
        return { data: null, errors, status: response.status, requestId };
      }
    },
  };
}

/**
 * A header value as its UTF-8 bytes, which is how the hub reads it: a justification may name a place or a
 * person in any script, and fetch itself refuses a character past U+00FF in a header.
 */
function utf8Bytes(text: string): string {
  return String.fromCharCode(...new TextEncoder().encode(text));
}

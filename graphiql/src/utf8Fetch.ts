/**
 * fetch, with each header value sent as its UTF-8 bytes, which is how the hub reads them: a justification
 * may name a place or a person in any script, and fetch itself refuses a character past U+00FF there.
 */
export const utf8Fetch: typeof fetch = (input, init) =>
  fetch(input, { ...init, headers: utf8Headers(init?.headers as Record<string, string> | undefined) });

function utf8Headers(headers: Record<string, string> = {}): Record<string, string> {
  return Object.fromEntries(
    Object.entries(headers).map(([name, value]) => [name, String.fromCharCode(...new TextEncoder().encode(value))]),
  );
}

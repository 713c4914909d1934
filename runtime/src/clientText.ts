const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Bytes a client sent as text, read as the UTF-8 that JSON and the hub's headers are; undefined if they are not. */
export function utf8Text(bytes: Uint8Array): string | undefined {
  try {
    return utf8.decode(bytes);
  } catch {
    return undefined;
  }
}

/**
 * Whether a URL's query string is escaped UTF-8 text. Read leniently (URLSearchParams), an escape that is
 * not would become U+FFFD, and a malformed one would be kept as it is.
 */
export function isUtf8Query(search: string): boolean {
  try {
    decodeURIComponent(search);
    return true;
  } catch {
    return false;
  }
}

/**
 * The text of a header that people write (a justification, a client's name). HTTP carries header values
 * as bytes and Node hands each byte over as one character; clients send text in UTF-8 (curl, the
 * console, GraphiQL), so the bytes are read as UTF-8 again. Undefined when the bytes are not UTF-8.
 * Repeated headers are joined with commas, as HTTP defines; blank is absent.
 */
export function headerText(value: string | string[] | undefined): string | null | undefined {
  const joined = Array.isArray(value) ? value.join(',') : value;
  if (joined === undefined) return null;
  const text = utf8Text(Buffer.from(joined, 'latin1'))?.trim();
  return text === '' ? null : text;
}

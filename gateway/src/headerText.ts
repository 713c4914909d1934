const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * The text of a header that people write (a justification, a client's name). HTTP carries header values
 * as bytes and Node hands each byte over as one character; clients send text in UTF-8 (curl, the
 * console, GraphiQL), so the bytes are read as UTF-8 again. Undefined when the bytes are not UTF-8.
 * Repeated headers are joined with commas, as HTTP defines; blank is absent.
 */
export function headerText(value: string | string[] | undefined): string | null | undefined {
  const joined = Array.isArray(value) ? value.join(',') : value;
  if (joined === undefined) return null;
  let text: string;
  try {
    text = utf8.decode(Buffer.from(joined, 'latin1'));
  } catch {
    return undefined;
  }
  return text.trim() === '' ? null : text.trim();
}

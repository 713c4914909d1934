import { storableText } from './canonicalJson.ts';

/**
 * The columns an audit record is searched by, each a copy of part of its hashed entry: what an append
 * writes beside the entry and what verification checks against it. Strings as the entry's canonical
 * text holds them, so that the columns of an entry and of its stored text are the same.
 */
export interface SearchableColumns {
  readonly at: string | null;
  readonly kind: string | null;
  readonly requestId: string | null;
  readonly agency: string | null;
  readonly purpose: string | null;
  readonly outcome: string | null;
  readonly people: readonly string[];
  /** The record an entry names (what a disclosure released): its type and id. */
  readonly recordType: string | null;
  readonly recordId: string | null;
}

export function searchableColumns(entry: Readonly<Record<string, unknown>>): SearchableColumns {
  const principal = entry.principal as { readonly agency?: unknown } | null | undefined;
  return {
    at: textOf(entry.at),
    kind: textOf(entry.kind),
    requestId: textOf(entry.requestId),
    agency: textOf(principal?.agency),
    purpose: textOf(entry.purpose),
    outcome: textOf(entry.outcome),
    people: Array.isArray(entry.people) ? entry.people.flatMap((person) => textOf(person) ?? []) : [],
    recordType: textOf(entry.type),
    recordId: textOf(entry.id),
  };
}

function textOf(value: unknown): string | null {
  return typeof value === 'string' ? storableText(value) : null;
}

/** A list of texts as a PostgreSQL array literal: each element quoted, so any text goes in as it is. */
export function arrayLiteral(texts: readonly string[]): string {
  return `{${texts.map((text) => `"${text.replace(/[\\"]/g, '\\$&')}"`).join(',')}}`;
}

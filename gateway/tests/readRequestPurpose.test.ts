import { describe, expect, test } from 'vitest';
import { codedError } from '@tessera/policies';
import { readRequestPurpose } from '../src/readRequestPurpose.ts';

/** A header as Node hands it over: one character for each byte that came. */
const asReceived = (text: string) => Buffer.from(text, 'utf8').toString('latin1');

describe('readRequestPurpose', () => {
  test('reads the justification as the UTF-8 it came in, trimmed; blank or absent is none', () => {
    const headers = { 'x-purpose': 'border-control', 'x-justification': asReceived(' case Łódź — 東京 🚓 ') };
    expect(readRequestPurpose(headers)).toEqual({ purpose: 'border-control', justification: 'case Łódź — 東京 🚓' });
    expect(readRequestPurpose({ 'x-justification': '  ' })).toEqual({ purpose: null, justification: null });
    expect(readRequestPurpose({})).toEqual({ purpose: null, justification: null });
  });

  test('refuses bytes that are not UTF-8 as bad input, and a purpose outside the vocabulary', () => {
    const notUtf8 = codedError('BAD_USER_INPUT', 'X-Justification must be text in UTF-8.', { refuseRequest: true });
    expect(() => readRequestPurpose({ 'x-justification': 'case \xe9' })).toThrow(notUtf8);
    expect(() => readRequestPurpose({ 'x-purpose': 'border-control\xff' })).toThrow(/X-Purpose must be one of/);
    expect(() => readRequestPurpose({ 'x-purpose': ['border-control', 'border-control'] })).toThrow(
      /X-Purpose must be one of/,
    );
  });

  test('counts the justification’s limit in characters, not in the bytes that carried them', () => {
    const headers = (text: string) => ({ 'x-justification': asReceived(text) });
    expect(readRequestPurpose(headers('Ł'.repeat(500))).justification).toHaveLength(500);
    expect(() => readRequestPurpose(headers('Ł'.repeat(501)))).toThrow(/limited to 500 characters/);
  });
});

import fc from 'fast-check';
import { expect, test } from 'vitest';
import { canonicalJson, storableText } from '../src/canonicalJson.ts';

/** What canonical JSON means, written as plainly as possible: keys sorted, every string storable. */
function reference(value: unknown): string {
  const copy = (item: unknown): unknown => {
    if (typeof item === 'string') return storableText(item);
    if (Array.isArray(item)) return item.map(copy);
    if (item === null || typeof item !== 'object') return item;
    return Object.fromEntries(
      Object.keys(item)
        .sort()
        .filter((key) => (item as Record<string, unknown>)[key] !== undefined)
        .map((key) => [storableText(key), copy((item as Record<string, unknown>)[key])]),
    );
  };
  return JSON.stringify(copy(value));
}

// Strings as clients send them: plain, escaped-looking, with a NUL or a lone surrogate of either half.
const text = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary' }),
  fc.constantFrom('\u0000', 'a\ud800b', '\udc00', '\ud83d\ude00', '\\u0000', '\\ud800', '__proto__', 'constructor'),
);
const json = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    text,
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.constant(undefined),
    fc.array(tie('value')),
    fc.dictionary(text, tie('value')),
  ),
})).value;

test('canonical JSON is the sorted, storable text of any value a client or an owner can produce', () => {
  fc.assert(
    fc.property(json, (value) => {
      expect(canonicalJson(value)).toBe(reference(value));
    }),
    { numRuns: 2000 },
  );
});

test('keys are sorted at every level, a key named __proto__ included, and nothing PostgreSQL refuses is left', () => {
  const value = JSON.parse('{"b":{"z":1,"__proto__":{"x":"\\u0000"},"a":["\\ud800"]},"a":"é"}') as unknown;
  const text = canonicalJson(value);
  expect(text).toBe('{"a":"é","b":{"__proto__":{"x":"\uFFFD"},"a":["\uFFFD"],"z":1}}');
  expect(canonicalJson({ b: 1, a: undefined, c: [undefined] })).toBe('{"b":1,"c":[null]}');
});

test('a value nested deeper than any entry is refused, not written', () => {
  let deep: unknown = 'leaf';
  for (let level = 0; level < 40; level++) deep = [deep];
  expect(() => canonicalJson(deep)).toThrow(RangeError);
  expect(() => canonicalJson({ a: deep })).toThrow(RangeError);
});

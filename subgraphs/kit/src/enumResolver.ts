/**
 * Maps stored values ('self-harm', 'very-high') to GraphQL enum names (SELF_HARM, VERY_HIGH), so the
 * database and the vocabulary keep their spelling and the schema follows GraphQL's.
 */
export function enumResolver(values: readonly string[]): Record<string, string> {
  return Object.fromEntries(values.map((value) => [value.toUpperCase().replaceAll('-', '_'), value]));
}

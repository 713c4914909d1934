import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, test } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));

/**
 * The lint of `pnpm check`, on a file of the policy package that does not keep to its fence. The probe
 * is no file of the TypeScript project, so the type-aware rules (which the fence is not) are left out.
 */
async function lintAsPolicies(code: string): Promise<string[]> {
  const eslint = new ESLint({
    cwd: root,
    overrideConfig: {
      files: ['**/*.ts'],
      languageOptions: { parserOptions: { projectService: false } },
      rules: { '@typescript-eslint/no-floating-promises': 'off', '@typescript-eslint/no-misused-promises': 'off' },
    },
  });
  const [result] = await eslint.lintText(code, { filePath: `${root}policies/src/fenceProbe.ts` });
  return (result?.messages ?? []).map((message) => message.ruleId ?? message.message);
}

describe('the policy package is fenced by lint', () => {
  test.each([
    ['process.env', 'export const secret = process.env.SECRET;', 'no-restricted-globals'],
    ['the clock', 'export const now = () => Date.now();', 'no-restricted-globals'],
    [
      'a Node built-in',
      "import { readFileSync } from 'node:fs';\nexport const read = readFileSync;",
      'no-restricted-imports',
    ],
    ['a database', "import pg from 'pg';\nexport const client = pg;", 'no-restricted-imports'],
    ['fetch', "export const call = () => fetch('http://example.test');", 'no-restricted-globals'],
  ])('%s is refused', async (_, code, rule) => {
    expect(await lintAsPolicies(code)).toContain(rule);
  });

  test('pure code passes', async () => {
    expect(await lintAsPolicies('export const double = (value: number): number => value * 2;\n')).toEqual([]);
  });
});

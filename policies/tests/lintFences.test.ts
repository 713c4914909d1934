import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, test } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));

/**
 * The lint of `pnpm check`, on a probe file that does not keep to its package's fence. The probe
 * is no file of the TypeScript project, so the type-aware rules (which the fence is not) are left out.
 */
async function lintAs(file: string, code: string): Promise<string[]> {
  const eslint = new ESLint({
    cwd: root,
    overrideConfig: {
      files: ['**/*.ts'],
      languageOptions: { parserOptions: { projectService: false } },
      rules: { '@typescript-eslint/no-floating-promises': 'off', '@typescript-eslint/no-misused-promises': 'off' },
    },
  });
  const [result] = await eslint.lintText(code, { filePath: `${root}${file}` });
  return (result?.messages ?? []).map((message) => message.ruleId ?? message.message);
}

const lintAsPolicies = (code: string) => lintAs('policies/src/fenceProbe.ts', code);

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

describe('the packages are fenced by lint', () => {
  test.each([
    [
      'the gateway importing a subgraph',
      'gateway/src/fenceProbe.ts',
      "import { policeSubgraph } from '@tessera/police';\nexport const s = policeSubgraph;",
    ],
    [
      'the kit importing the gateway',
      'subgraphs/kit/src/fenceProbe.ts',
      "import { startGateway } from '@tessera/gateway';\nexport const g = startGateway;",
    ],
    [
      'the runtime importing the audit trail',
      'runtime/src/fenceProbe.ts',
      "import { appendAudit } from '@tessera/audit';\nexport const a = appendAudit;",
    ],
    [
      'the gateway importing the subgraph kit',
      'gateway/src/fenceProbe.ts',
      "import { startSubgraph } from '@tessera/subgraph-kit';\nexport const s = startSubgraph;",
    ],
    [
      'a subgraph importing the hub',
      'subgraphs/police/src/fenceProbe.ts',
      "import { startHub } from '@tessera/hub';\nexport const h = startHub;",
    ],
    [
      'a test importing from scripts/',
      'test/fenceProbe.ts',
      "import { x } from '../scripts/token.ts';\nexport const y = x;",
    ],
  ])('%s is refused', async (_, file, code) => {
    expect(await lintAs(file, code)).toContain('no-restricted-imports');
  });
});

// The house's fences, checked by `pnpm check`: promises are awaited or handed on, and the policy
// package stays pure (no Node built-ins, no process, no clock, no I/O), so that a decision depends on
// its inputs alone and is made the same way at the gateway and at every owner.
import { builtinModules } from 'node:module';
import tseslint from 'typescript-eslint';

const builtins = builtinModules.filter((name) => !name.startsWith('_'));

/** The packages each layer must not import: the arrows run hub -> gateway, subgraphs -> audit, kit -> policies. */
const agencySubgraphs = [
  '@tessera/police',
  '@tessera/customs',
  '@tessera/probation',
  '@tessera/register',
  '@tessera/oversight',
];
const fence = (forbidden, why) => ({
  'no-restricted-imports': [
    'error',
    {
      paths: forbidden.map((name) => ({ name, message: why })),
      patterns: [{ group: ['**/scripts/**'], message: 'scripts/ holds commands; nothing imports them.' }],
    },
  ],
});

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', 'bench/results/**', '**/*.js'] },
  {
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: {
      parser: tseslint.parser,
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { '@typescript-eslint': tseslint.plugin },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: false }],
    },
  },
  {
    files: ['gateway/**/*.ts'],
    rules: fence(
      [...agencySubgraphs, '@tessera/subgraph-kit', '@tessera/hub'],
      'The gateway stands beside the subgraphs, never above them.',
    ),
  },
  {
    files: ['runtime/**/*.ts'],
    rules: fence(
      [
        ...agencySubgraphs,
        '@tessera/audit',
        '@tessera/subgraph-kit',
        '@tessera/gateway',
        '@tessera/hub',
        '@tessera/demo',
      ],
      'The runtime is what every process shares: it imports nothing built on it.',
    ),
  },
  {
    files: ['audit/**/*.ts'],
    rules: fence(
      [...agencySubgraphs, '@tessera/subgraph-kit', '@tessera/gateway', '@tessera/hub', '@tessera/demo'],
      'The audit trail stands on the runtime alone.',
    ),
  },
  {
    files: ['subgraphs/kit/**/*.ts'],
    rules: fence(
      [...agencySubgraphs, '@tessera/gateway', '@tessera/hub'],
      'Shared layers import nothing of what is built on them.',
    ),
  },
  {
    files: ['subgraphs/*/src/**/*.ts'],
    ignores: ['subgraphs/kit/**'],
    rules: fence(['@tessera/gateway', '@tessera/hub'], 'A subgraph answers the gateway; it never imports it.'),
  },
  {
    files: ['demo/src/**/*.ts'],
    rules: fence(
      [...agencySubgraphs, '@tessera/gateway', '@tessera/hub', '@tessera/audit'],
      'Demo data and identities stand below everything that uses them.',
    ),
  },
  {
    files: ['test/**/*.ts', 'hub/**/*.ts'],
    rules: fence([], ''),
  },
  {
    files: ['policies/src/**/*.ts', 'policies/agreements/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [...builtins, 'pg', 'jose', 'drizzle-orm'].map((name) => ({
            name,
            message: 'policies/ is pure: no I/O, no Node built-ins.',
          })),
          patterns: [
            { group: ['node:*'], message: 'policies/ is pure: no Node built-ins.' },
            { group: ['drizzle-orm/*', '@apollo/*', 'pg-*', '@tessera/*'], message: 'policies/ is pure: no I/O.' },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        ...['process', 'Buffer', 'require', 'fetch', 'setTimeout', 'setInterval', 'XMLHttpRequest', 'WebSocket'].map(
          (name) => ({ name, message: 'policies/ is pure: no process, no I/O, no timers.' }),
        ),
        { name: 'Date', message: 'policies/ is pure: the clock is the caller’s (pass what it says in).' },
      ],
      'no-restricted-properties': [
        'error',
        { object: 'globalThis', property: 'process', message: 'policies/ is pure: no process.' },
        { object: 'globalThis', property: 'Date', message: 'policies/ is pure: no clock.' },
      ],
      'no-restricted-syntax': [
        'error',
        { selector: 'ImportExpression', message: 'policies/ is pure: no dynamic imports.' },
      ],
    },
  },
);

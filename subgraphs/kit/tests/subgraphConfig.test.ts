import { expect, test } from 'vitest';
import { loadSubgraphConfig } from '../src/subgraphConfig.ts';

const required = { GATEWAY_KEYS_FILE: '/keys/internal-signing.jwks.json', AUDIT_SIGNING_KEY_FILE: '/keys/police.jwk' };

test('a deployment starts empty: it seeds nothing unless asked to', () => {
  expect(loadSubgraphConfig('police', 4001, required).seedSize).toBe(0);
  expect(loadSubgraphConfig('police', 4001, { ...required, TESSERA_SEED_SIZE: '50' }).seedSize).toBe(50);
});

test("each agency's database has one name, the same in every command", () => {
  const env = { ...required, POLICE_DATABASE_URL: 'postgres://police@db/police', DATABASE_URL: 'postgres://x/y' };
  expect(loadSubgraphConfig('police', 4001, env).databaseUrl).toBe('postgres://police@db/police');
  expect(loadSubgraphConfig('customs', 4002, env).databaseUrl).toBeUndefined();
});

test('refuses to start without the keys it needs, naming each', () => {
  expect(() => loadSubgraphConfig('police', 4001, {})).toThrow(
    /GATEWAY_KEYS_FILE is required[\s\S]*AUDIT_SIGNING_KEY_FILE is required/,
  );
});

/**
 * What the hub's tooling reads from its environment: the PostgreSQL server it makes scratch databases
 * on (TEST_DATABASE_URL, default the machine's on 127.0.0.1:5432), and what a spawned component inherits.
 */
export const scratchServerUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** The environment a component started as its own process inherits, before its own settings. */
export function inheritedEnvironment(): NodeJS.ProcessEnv {
  return process.env;
}

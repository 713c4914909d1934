import { join } from 'node:path';
import { openDatabase, type DatabaseHandle, type EnvReader, type Logger } from '@tessera/runtime';
import { hubDatabaseName } from './startHub.ts';
import { subgraphs } from './subgraphs.ts';
import type { WatchedLog } from './watchAuditIntegrity.ts';

/** Where a deployment's audit logs are, as its environment names them (the same names in every command). */
export interface AuditLogSettings {
  /** HUB_DATABASE_URL: the hub's consultation log. */
  readonly hubUrl: string;
  /** <NAME>_DATABASE_URL of each owner that keeps a disclosure log. */
  readonly owners: readonly { readonly name: string; readonly schema: string; readonly url: string }[];
  /** AUDIT_KEY_FOLDER: holds `<log>-audit-signing.jwks.json`, each log's checkpoint public keys. */
  readonly keyFolder: string;
}

/** The owners whose disclosure logs oversight and `audit:verify` read, from the one subgraph registry. */
export const ownerLogs = subgraphs.flatMap(({ module }) =>
  module.auditChain ? [{ name: module.name, schema: module.auditChain }] : [],
);

export const databaseVariable = (name: string) => `${name.toUpperCase()}_DATABASE_URL`;

export function readAuditLogSettings(read: EnvReader, defaultKeyFolder?: string): AuditLogSettings {
  const required = (name: string) => {
    const value = read.optionalText(name);
    if (value === undefined) read.problem(`${name} is required`);
    return value ?? '';
  };
  const hubUrl = required(databaseVariable(hubDatabaseName));
  const owners = ownerLogs.map((owner) => ({ ...owner, url: required(databaseVariable(owner.name)) }));
  const keyFolder =
    defaultKeyFolder === undefined ? required('AUDIT_KEY_FOLDER') : read.text('AUDIT_KEY_FOLDER', defaultKeyFolder);
  return { hubUrl, owners, keyFolder };
}

export interface OpenOwnerLogs {
  readonly logs: readonly WatchedLog[];
  close(): Promise<void>;
}

/** Opens each owner's database for reading its disclosure log: a small pool each, no migrations. */
export async function openOwnerLogs(settings: AuditLogSettings, logger: Logger, poolSize = 2): Promise<OpenOwnerLogs> {
  const databases: DatabaseHandle<Record<string, unknown>>[] = [];
  const close = async () => {
    for (const database of databases) await database.close();
  };
  try {
    const logs: WatchedLog[] = [];
    for (const owner of settings.owners) {
      const database = await openDatabase({}, { url: owner.url, poolSize }, logger);
      databases.push(database);
      logs.push({ db: database.db, schema: owner.schema, keysFile: keysFileOf(settings.keyFolder, owner.name) });
    }
    return { logs, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** The public keys of a log's checkpoints, as `pnpm keys` and the demo write them. */
export function keysFileOf(keyFolder: string, log: string): string {
  return join(keyFolder, `${log}-audit-signing.jwks.json`);
}

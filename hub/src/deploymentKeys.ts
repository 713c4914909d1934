import { access } from 'node:fs/promises';
import { join } from 'node:path';
import { ensureKeyPair, ensureSecretKey, type KeyPair } from './keyPairs.ts';
import { subgraphs } from './subgraphs.ts';
import { ownerLogs } from './auditLogs.ts';

/** Every key of a deployment, by what it signs. */
export interface DeploymentKeys {
  readonly folder: string;
  /** The gateway's internal-token key: its private JWK for the gateway, its JWKS for every subgraph. */
  readonly internal: KeyPair;
  /** Each audit log's checkpoint key, by log (`hub` and each owner). */
  readonly audit: Readonly<Record<string, KeyPair>>;
  /** The secret file that seals each owner's hit references, by owner. */
  readonly references: Readonly<Record<string, string>>;
  /** The keys this call made; the others were there and were kept. */
  readonly made: readonly string[];
}

/** Makes whatever key of a deployment is missing from the folder; an existing key is never replaced. */
export async function ensureDeploymentKeys(folder: string): Promise<DeploymentKeys> {
  const made: string[] = [];
  const ensure = async (name: string) => {
    const [privateKey, publicKeys] = await Promise.all(
      [`${name}.jwk`, `${name}.jwks.json`].map((file) => exists(join(folder, file))),
    );
    // A deployment's key is never replaced: half a pair is for its operator to mend, not for us to overwrite.
    if (privateKey !== publicKeys) {
      throw new Error(`${name}: one of ${name}.jwk and ${name}.jwks.json is missing in ${folder}; nothing was changed`);
    }
    if (!privateKey) made.push(name);
    return ensureKeyPair(folder, name);
  };
  const internal = await ensure('internal-signing');
  const audit: Record<string, KeyPair> = {};
  for (const log of ['hub', ...ownerLogs.map((owner) => owner.name)]) audit[log] = await ensure(`${log}-audit-signing`);
  const references: Record<string, string> = {};
  for (const { module } of subgraphs.filter(({ module }) => module.hits)) {
    const secret = await ensureSecretKey(folder, `${module.name}-reference`);
    if (secret.made) made.push(`${module.name}-reference`);
    references[module.name] = secret.file;
  }
  return { folder, internal, audit, references, made };
}

/** Which process needs which file, and under which variable: what `pnpm keys` prints. */
export function describeDeploymentKeys(keys: DeploymentKeys): string {
  const state = (name: string) => (keys.made.includes(name) ? 'new ' : 'kept');
  const lines = [
    `Keys in ${keys.folder} (private keys 0600; a key already there is kept):`,
    '',
    `  ${state('internal-signing')}  ${keys.internal.privateKeyFile}`,
    '        gateway: INTERNAL_SIGNING_KEY_FILE (private)',
    `        ${keys.internal.jwksFile}`,
    '        every subgraph and oversight: GATEWAY_KEYS_FILE (public)',
  ];
  for (const [log, pair] of Object.entries(keys.audit)) {
    lines.push(
      `  ${state(`${log}-audit-signing`)}  ${pair.privateKeyFile}`,
      `        ${log === 'hub' ? 'gateway' : `${log} subgraph`}: AUDIT_SIGNING_KEY_FILE (private)`,
    );
  }
  for (const [owner, file] of Object.entries(keys.references)) {
    lines.push(`  ${state(`${owner}-reference`)}  ${file}`, `        ${owner} subgraph: REFERENCE_KEY_FILE (secret)`);
  }
  lines.push(
    '',
    `  The public sets (*-audit-signing.jwks.json) stay in the folder: oversight and audit:verify read them`,
    `  with AUDIT_KEY_FOLDER=${keys.folder}`,
  );
  return lines.join('\n');
}

async function exists(file: string): Promise<boolean> {
  return access(file).then(
    () => true,
    () => false,
  );
}

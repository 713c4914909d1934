import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { exportJWK, generateKeyPair } from 'jose';

/**
 * A new Ed25519 key pair, written to a private folder: the private key for whoever signs (the gateway's
 * internal tokens, a component's checkpoints), the public one for whoever verifies.
 */
export async function writeKeyPair(folder: string, name: string) {
  const { privateKey, publicKey } = await generateKeyPair('EdDSA', { extractable: true });
  const privateKeyFile = join(folder, `${name}.jwk`);
  const publicKeyFile = join(folder, `${name}.public.jwk`);
  await writeFile(privateKeyFile, JSON.stringify(await exportJWK(privateKey)), { mode: 0o600 });
  await writeFile(publicKeyFile, JSON.stringify(await exportJWK(publicKey)));
  return { privateKey, publicKey, privateKeyFile, publicKeyFile };
}

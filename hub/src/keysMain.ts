import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { ConfigurationError, reasonOf, runMain } from '@tessera/runtime';
import { describeDeploymentKeys, ensureDeploymentKeys } from './deploymentKeys.ts';

// `pnpm keys [FOLDER]`: makes every key a deployment needs into FOLDER (default ./keys), keeping any
// that is already there, and says which process needs which file. A folder it cannot write, or a key file
// there it cannot read, is told in one line, exit 2.
await runMain(async () => {
  const folder = resolve(process.argv[2] ?? 'keys');
  const keys = await mkdir(folder, { recursive: true, mode: 0o700 })
    .then(() => ensureDeploymentKeys(folder))
    .catch((error: unknown) => {
      if (error instanceof ConfigurationError) throw error;
      throw new ConfigurationError(`Cannot make the keys in ${folder}: ${reasonOf(error)}.`);
    });
  console.log(describeDeploymentKeys(keys));
});

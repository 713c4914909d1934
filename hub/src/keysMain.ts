import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { describeDeploymentKeys, ensureDeploymentKeys } from './deploymentKeys.ts';

// `pnpm keys [FOLDER]`: makes every key a deployment needs into FOLDER (default ./keys), keeping any
// that is already there, and says which process needs which file.
const folder = resolve(process.argv[2] ?? 'keys');
await mkdir(folder, { recursive: true, mode: 0o700 });
console.log(describeDeploymentKeys(await ensureDeploymentKeys(folder)));

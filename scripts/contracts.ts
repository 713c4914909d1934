import { mkdir, writeFile } from 'node:fs/promises';
import { contractsFolder, renderContracts } from '@tessera/hub';

await mkdir(contractsFolder, { recursive: true });
for (const { file, text } of renderContracts()) {
  await writeFile(file, text);
  console.log(`wrote ${file}`);
}

import { writeFile } from 'node:fs/promises';
import { committedSupergraphFile } from '@tessera/gateway';
import { composeSupergraph } from '@tessera/hub';

await writeFile(committedSupergraphFile, composeSupergraph());
console.log(`wrote ${committedSupergraphFile}`);

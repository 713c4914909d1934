import { writeFile } from 'node:fs/promises';
import { renderErrorCodes } from '@tessera/policies';
import { errorsDocument } from './documents.ts';

await writeFile(errorsDocument, renderErrorCodes());
console.log(`wrote ${errorsDocument}`);

import { writeFile } from 'node:fs/promises';
import { renderErrorCodes } from '@tessera/policies';
import { errorsDocument } from '@tessera/hub';

await writeFile(errorsDocument, renderErrorCodes());
console.log(`wrote ${errorsDocument}`);

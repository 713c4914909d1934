import { writeFile } from 'node:fs/promises';
import { renderAgreements } from '@tessera/policies';
import { agreementsDocument } from './documents.ts';

await writeFile(agreementsDocument, renderAgreements());
console.log(`wrote ${agreementsDocument}`);

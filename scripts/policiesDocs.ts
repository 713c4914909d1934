import { writeFile } from 'node:fs/promises';
import { renderAgreements } from '@tessera/policies';
import { agreementsDocument } from '@tessera/hub';

await writeFile(agreementsDocument, renderAgreements());
console.log(`wrote ${agreementsDocument}`);

import { join } from 'node:path';
import { createEnvReader, createLogger, openDatabase, readKeySet } from '@tessera/runtime';
import { auditIntegrity, hubSchemaName } from '@tessera/audit';
import { tesseraFolder } from '@tessera/demo';
import { hubDatabaseName, subgraphs } from '@tessera/hub';

// Verifies every audit chain of a deployment on PostgreSQL: the hub's consultations and each owner's
// disclosures, their checkpoints, and their reconciliation. Exits 1 naming the first bad record.
const read = createEnvReader(process.env, 'audit:verify');
const keyFolder = read.text('AUDIT_KEY_FOLDER', `${tesseraFolder}internal`);
const names = [hubDatabaseName, ...subgraphs.flatMap(({ module }) => (module.auditChain ? [module.name] : []))];
const urls = Object.fromEntries(names.map((name) => [name, read.optionalText(`${name.toUpperCase()}_DATABASE_URL`)]));
for (const name of names) if (!urls[name]) read.problem(`${name.toUpperCase()}_DATABASE_URL is required`);
read.done();

const logger = createLogger('audit-verify', 'warn');
const open = async (name: string, schema: string) => {
  const database = await openDatabase({}, { url: urls[name]!, poolSize: 1 }, logger);
  const checkpointKeys = await readKeySet(join(keyFolder, `${name}-audit-signing.jwks.json`));
  return { database, source: { db: database.db, schema, checkpointKeys } };
};
const hub = await open(hubDatabaseName, hubSchemaName);
const owners = await Promise.all(
  subgraphs.flatMap(({ module }) => (module.auditChain ? [open(module.name, module.auditChain)] : [])),
);
try {
  const report = await auditIntegrity(
    hub.source,
    owners.map((owner) => owner.source),
  );
  for (const chain of report.chains) {
    const status = chain.ok ? 'ok' : `BAD at record ${chain.problem?.seq}: ${chain.problem?.reason}`;
    console.log(
      `${chain.chain.padEnd(10)} ${String(chain.records).padStart(7)} records ${String(chain.checkpoints).padStart(4)} checkpoints  ${status}`,
    );
  }
  const { reconciliation } = report;
  console.log(
    `reconciliation: ${reconciliation.hubDisclosures} releases in the hub's log, ${reconciliation.ownerDisclosures} in the owners'` +
      (reconciliation.ok
        ? ', all matched'
        : `; missing from the hub: ${reconciliation.missingFromHub.join(' ') || 'none'}; missing from the owners: ${reconciliation.missingFromOwners.join(' ') || 'none'}`),
  );
  process.exitCode = report.ok ? 0 : 1;
} finally {
  for (const { database } of [hub, ...owners]) await database.close();
}

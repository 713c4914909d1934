import { connectClient, createEnvReader, createLogger, openDatabase, runMain } from '@tessera/runtime';
import { auditIntegrity, hubSchemaName } from '@tessera/audit';
import { tesseraFolder } from '@tessera/demo';
import { keysFileOf, openOwnerLogs, readAuditLogSettings, withKeys } from '@tessera/hub';

// Verifies every audit chain of a deployment on PostgreSQL: the hub's consultations and each owner's
// disclosures, their checkpoints, and their reconciliation. Exits 1 naming the first bad record, 2 when a setting
// or a database cannot be used.
await runMain(async () => {
  const read = createEnvReader(process.env, 'audit:verify');
  const settings = readAuditLogSettings(read, `${tesseraFolder}internal`);
  read.done();
  // Each database is met once first, so that one out of reach is told as such, not as a failed query.
  for (const url of [settings.hubUrl, ...settings.owners.map((owner) => owner.url)])
    await (await connectClient(url)).end();

  const logger = createLogger('audit-verify', 'warn');
  const hub = await openDatabase({}, { url: settings.hubUrl, poolSize: 1 }, logger);
  const owners = await openOwnerLogs(settings, logger, 1);
  try {
    const report = await auditIntegrity(
      await withKeys({ db: hub.db, schema: hubSchemaName, keysFile: keysFileOf(settings.keyFolder, 'hub') }),
      await Promise.all(owners.logs.map(withKeys)),
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
          ? `, all matched${reconciliation.pending > 0 ? ` (${reconciliation.pending} of requests still being answered)` : ''}`
          : `; missing from the hub: ${reconciliation.missingFromHub.join(' ') || 'none'}; missing from the owners: ${reconciliation.missingFromOwners.join(' ') || 'none'}`),
    );
    process.exitCode = report.ok ? 0 : 1;
  } finally {
    await hub.close();
    await owners.close();
  }
});

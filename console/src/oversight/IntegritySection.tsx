import type { Hub } from '../hub.ts';
import { AnswerSection, Table, Time } from '../ui.tsx';
import { useAnswer } from '../useAnswer.ts';

interface AuditIntegrity {
  ok: boolean;
  fullyVerifiedAt: string | null;
  chains: {
    chain: string;
    records: number;
    checkpoints: number;
    ok: boolean;
    problemSeq: number | null;
    problem: string | null;
  }[];
  reconciliation: {
    ok: boolean;
    hubDisclosures: number;
    ownerDisclosures: number;
    missingFromHub: string[];
    missingFromOwners: string[];
    pending: number;
  } | null;
}

/** Every audit chain's state, with the first bad record if any, and the reconciliation of the logs. */
export function IntegritySection({ hub }: { hub: Hub }) {
  const { answer, reload } = useAnswer<{ auditIntegrity: AuditIntegrity | null }>(
    hub,
    `query ConsoleIntegrity { auditIntegrity { ok fullyVerifiedAt
      chains { chain records checkpoints ok problemSeq problem }
      reconciliation { ok hubDisclosures ownerDisclosures missingFromHub missingFromOwners pending } } }`,
  );
  const integrity = answer?.data?.auditIntegrity;
  const reconciliation = integrity?.reconciliation;
  return (
    <AnswerSection
      title="Integrity of the audit trail"
      answer={answer}
      actions={
        <button type="button" onClick={reload}>
          Verify again
        </button>
      }
    >
      {integrity ? (
        <>
          <p className={integrity.ok ? 'status ok' : 'status bad'} role="status">
            {integrity.ok ? 'Every chain is complete and unaltered, and the logs reconcile.' : 'A problem was found.'}{' '}
            Last verified in full: <Time iso={integrity.fullyVerifiedAt} />.
          </p>
          <Table
            caption="Audit chains"
            columns={[
              { title: 'Chain', cell: (row) => row.chain },
              { title: 'Records', cell: (row) => row.records },
              { title: 'Checkpoints', cell: (row) => row.checkpoints },
              {
                title: 'State',
                cell: (row) => (row.ok ? 'intact' : `record ${row.problemSeq ?? '?'}: ${row.problem ?? ''}`),
              },
            ]}
            rows={integrity.chains}
            rowKey={(row) => row.chain}
          />
          {reconciliation ? (
            <p>
              Reconciliation: {reconciliation.ok ? 'the hub’s log and the owners’ agree' : 'the logs disagree'} (
              {reconciliation.hubDisclosures} releases in the hub’s log, {reconciliation.ownerDisclosures} in the
              owners’
              {reconciliation.pending > 0 ? `; ${reconciliation.pending} of requests still being answered` : ''}).
              {reconciliation.missingFromHub.length > 0
                ? ` Missing from the hub: ${reconciliation.missingFromHub.join(', ')}.`
                : ''}
              {reconciliation.missingFromOwners.length > 0
                ? ` Missing from the owners: ${reconciliation.missingFromOwners.join(', ')}.`
                : ''}
            </p>
          ) : null}
        </>
      ) : null}
    </AnswerSection>
  );
}

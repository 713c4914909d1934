import { agreements } from './agreements.ts';
import { describeGrant, grantsOf } from './grants.ts';
import { defaultK } from './aggregates.ts';
import type { Agreement, Rule } from './rule.ts';

/**
 * Renders the agreements as the document an oversight officer reads (docs/agreements.md): per data
 * owner, each clause with who receives what, for which purposes, under which legal basis.
 */
export function renderAgreements(): string {
  const lines = [
    '# Data-sharing agreements',
    '',
    'Generated from `policies/agreements/` by `pnpm policies:docs`; a test fails when this file is stale.',
    'Anything not listed here is withheld: the hub denies by default. A field released "on conditions" is',
    'released only for records that meet them, judged by the data owner record by record.',
    '',
    '**Beyond the standing clauses: two steps.** A partner first asks who holds anything on a person: a',
    'hit/no-hit check, released by the hit clauses below (`HitCheck.<owner>`), which says only that an owner',
    'holds records the caller could ask about, whom to contact, and a sealed reference; a black record, one',
    'past its review date, or one whose handling conditions exclude the caller never hits. Then it asks the',
    "owner, with the reference, to release named fields of those records (clause hub-4); the owner's",
    'supervisors decide case by case (hub-5). An approval is a grant: to that principal, for that purpose,',
    'those fields of those records, until it expires or is revoked, with the approver and note as its legal',
    'basis (`grant:<id>` in every decision and disclosure entry it makes). A grant never overrides the record',
    'rules every partner is held to.',
    '',
    ...agreements.flatMap(renderAgreement),
  ];
  return `${lines.join('\n').trimEnd()}\n`;
}

function renderAgreement(agreement: Agreement): string[] {
  const lines = [`## ${agreement.title}`, '', `Holds: ${agreement.owns.map(code).join(', ')}.`, ''];
  lines.push(...renderRecipients(agreement), '');
  for (const rule of agreement.rules) lines.push(...renderRule(rule));
  const partner = agreement.partnerRecordRules;
  if (partner) {
    lines.push(`### Record rules for every partner (${partner.appliesTo.map(code).join(', ')})`, '');
    lines.push('These apply to every agency but the owner, whatever clause released the field.', '');
    for (const rule of [partner.black, partner.gray, partner.handlingConditions, partner.pastReviewDate]) {
      lines.push(`- **${rule.id}**: ${rule.summary} _Legal basis:_ ${rule.legalBasis}`);
    }
    lines.push(`- Pointer fields of a gray record: ${partner.gray.pointerFields.map(code).join(', ')}.`, '');
  }
  for (const clause of agreement.aggregates ?? []) {
    const grants = Object.entries(clause.recipients.byAgency).map(
      ([agency, roles]) => `${agency} ${roles!.join(', ')}`,
    );
    lines.push(
      `### ${clause.id} (counts): ${clause.summary}`,
      '',
      `- Releases counts of ${code(clause.dataset)} (${code(clause.recordType)} records; ${clause.categories === 'any' ? 'every category' : clause.categories.map(code).join(', ')}) to ${grants.join('; ')}, for ${clause.purposes.map(code).join(', ')}.`,
      `- Counted per H3 hexagon at resolution ${clause.resolution} (coarser on request), month and category; **k = ${clause.k ?? defaultK}**: a count under k is withheld, and every figure is a sum of released counts only.`,
      `- Legal basis: ${clause.legalBasis}`,
      '',
    );
  }
  for (const clause of agreement.standingWatches ?? []) {
    lines.push(
      `### ${clause.id} (standing watch): ${clause.summary}`,
      '',
      `- Set up when ${agreement.owner} records a record of kind ${code(clause.kind)}; ended by ${clause.endedBy.map(code).join(', ')}, or after ${clause.maxDays} days.`,
      `- Watches ${clause.watches.owner}'s ${clause.watches.events.map(code).join(', ')} events about the person, for ${code(clause.purpose)}, on behalf of the officer who recorded it; each alert carries what that officer's clauses release at delivery.`,
      `- Legal basis: ${clause.legalBasis}`,
      '',
    );
  }
  for (const answer of agreement.answersStandingWatches ?? []) {
    lines.push(
      `### Answers standing watch ${answer.clause}`,
      '',
      `- ${agreement.owner} alerts the watcher under its own clauses, decided at delivery. Legal basis: ${answer.legalBasis}`,
      '',
    );
  }
  return lines;
}

/** Who receives what: one row per rule and agency, exactly as `decide()` grants it. */
function renderRecipients(agreement: Agreement): string[] {
  const rows = agreement.rules.flatMap((rule) => grantsOf(rule).map((grant) => ({ grant, rule })));
  rows.sort((a, b) => a.grant.agency.localeCompare(b.grant.agency) || a.rule.id.localeCompare(b.rule.id));
  return [
    '| recipient | roles | purposes | fields | clause |',
    '| --- | --- | --- | --- | --- |',
    ...rows.map(
      ({ grant, rule }) =>
        `| ${grant.agency} | ${grant.roles.join(', ')}${grant.minimumClearance ? ` (cleared ${grant.minimumClearance}+)` : ''}${grant.privileges.length ? ` (${grant.privileges.join(', ')})` : ''} | ${grant.purposes === 'any' ? 'any' : grant.purposes.join(', ')}${grant.grantsPurpose || grant.purposes === 'any' ? '' : ' (grants no purpose)'} | ${rule.fields.map(code).join(', ')}${rule.effect === 'mask' ? ` (masked: ${rule.mask})` : ''}${rule.records ? ' (on conditions)' : ''} | ${rule.id} |`,
    ),
  ];
}

function renderRule(rule: Rule): string[] {
  const conditions = [
    ...(rule.records?.dataSubjectCategories
      ? [`the person is ${rule.records.dataSubjectCategories.join(' or ')}`]
      : []),
    ...(rule.records?.kinds ? [`the record is of kind ${rule.records.kinds.join(' or ')}`] : []),
  ];
  return [
    `### ${rule.id}: ${rule.summary}`,
    '',
    ...grantsOf(rule).map((grant) => `- Grants: ${describeGrant(grant).replace(`${rule.id}: `, '')}.`),
    ...(rule.grantsPurpose === false
      ? [
          '- `grantsPurpose: false`: this clause never makes a purpose lawful by itself; the caller needs another clause that grants it the purpose.',
        ]
      : []),
    `- Fields: ${rule.fields.map(code).join(', ')}.`,
    `- Effect: ${rule.effect === 'mask' ? `released masked (${rule.mask})` : 'released'}${conditions.length ? `, on conditions: ${conditions.join('; ')}` : ''}${rule.reviewRequired ? '; every access is flagged for review' : ''}.`,
    `- Legal basis: ${rule.legalBasis}`,
    '',
  ];
}

function code(text: string): string {
  return `\`${text}\``;
}

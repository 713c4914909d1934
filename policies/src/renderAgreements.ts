import { agreements } from './agreements.ts';
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
  return lines;
}

/** Who receives what, for which purpose: one row per recipient agency and purpose. */
function renderRecipients(agreement: Agreement): string[] {
  const rows = agreement.rules.flatMap((rule) =>
    rule.recipients.agencies.flatMap((agency) =>
      (rule.purposes === 'any' ? ['any'] : rule.purposes).map((purpose) => ({ agency, purpose, rule })),
    ),
  );
  rows.sort(
    (a, b) =>
      a.agency.localeCompare(b.agency) || a.purpose.localeCompare(b.purpose) || a.rule.id.localeCompare(b.rule.id),
  );
  return [
    '| recipient | purpose | roles | fields | clause |',
    '| --- | --- | --- | --- | --- |',
    ...rows.map(
      ({ agency, purpose, rule }) =>
        `| ${agency} | ${purpose} | ${rule.recipients.roles.join(', ')} | ${rule.fields.map(code).join(', ')}${rule.effect === 'mask' ? ` (masked: ${rule.mask})` : ''}${rule.records ? ' (on conditions)' : ''} | ${rule.id} |`,
    ),
  ];
}

function renderRule(rule: Rule): string[] {
  const { agencies, roles, minimumClearance, privileges } = rule.recipients;
  const who = [
    `agencies ${agencies.join(', ')}`,
    `roles ${roles.join(', ')}`,
    ...(minimumClearance ? [`cleared at least ${minimumClearance}`] : []),
    ...(privileges?.length ? [`holding ${privileges.join(', ')}`] : []),
  ];
  const conditions = [
    ...(rule.records?.dataSubjectCategories
      ? [`the person is ${rule.records.dataSubjectCategories.join(' or ')}`]
      : []),
    ...(rule.records?.kinds ? [`the record is of kind ${rule.records.kinds.join(' or ')}`] : []),
  ];
  return [
    `### ${rule.id}: ${rule.summary}`,
    '',
    `- Recipients: ${who.join('; ')}.`,
    `- Purposes: ${rule.purposes === 'any' ? 'any (no purpose needed)' : rule.purposes.join(', ')}.`,
    `- Fields: ${rule.fields.map(code).join(', ')}.`,
    `- Effect: ${rule.effect === 'mask' ? `released masked (${rule.mask})` : 'released'}${conditions.length ? `, on conditions: ${conditions.join('; ')}` : ''}${rule.reviewRequired ? '; every access is flagged for review' : ''}.`,
    `- Legal basis: ${rule.legalBasis}`,
    '',
  ];
}

function code(text: string): string {
  return `\`${text}\``;
}

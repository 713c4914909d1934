import { agreements } from './agreements.ts';
import { grantDecision, grantFor, type DisclosureGrant } from './disclosureGrant.ts';
import { covers, typeOf } from './coordinates.ts';
import type { Principal } from './principal.ts';
import type { Agreement, Decision, HandlingCondition, RecordAttributes, RecordRule, Rule } from './rule.ts';
import { clearances, purposesRequiringJustification, type Purpose } from './vocabulary.ts';

interface IndexedRule {
  readonly agreement: Agreement;
  readonly rule: Rule;
}

/** No rule provides for the disclosure: the default of every decision. */
export const defaultDeny: Decision = Object.freeze({
  effect: 'deny',
  rule: 'default-deny',
  legalBasis: 'No agreement provides for this disclosure.',
  conditional: false,
  reviewRequired: false,
});

/** Every rule id a field decision can name: each agreement's rules, and the default. */
export const ruleIds: ReadonlySet<string> = new Set([
  ...agreements.flatMap((agreement) => agreement.rules.map((rule) => rule.id)),
  defaultDeny.rule,
]);

/**
 * Rules by coordinate and by type, built once from the agreements: a decision looks at the few rules
 * that name its field, not at every rule in force.
 */
function createIndex(all: readonly Agreement[]) {
  const byCoordinate = new Map<string, readonly IndexedRule[]>();
  const byType = new Map<string, readonly IndexedRule[]>();
  const owners = new Map<string, Agreement | null>();
  const everyRule = all.flatMap((agreement) => agreement.rules.map((rule) => ({ agreement, rule })));
  return {
    rulesFor(coordinate: string): readonly IndexedRule[] {
      let found = byCoordinate.get(coordinate);
      if (!found) {
        found = everyRule.filter(({ rule }) => rule.fields.some((pattern) => covers(pattern, coordinate)));
        byCoordinate.set(coordinate, found);
      }
      return found;
    },
    rulesForType(typeName: string): readonly IndexedRule[] {
      let found = byType.get(typeName);
      if (!found) {
        found = everyRule.filter(({ rule }) => rule.fields.some((pattern) => typeOf(pattern) === typeName));
        byType.set(typeName, found);
      }
      return found;
    },
    ownerOf(coordinate: string): Agreement | null {
      let owner = owners.get(coordinate);
      if (owner === undefined) {
        owner = all.find((agreement) => agreement.owns.some((pattern) => covers(pattern, coordinate))) ?? null;
        owners.set(coordinate, owner);
      }
      return owner;
    },
  };
}

const index = createIndex(agreements);

/** The agreement of the owner of a coordinate's data, if any owner claims it. */
export function ownerOf(coordinate: string): Agreement | null {
  return index.ownerOf(coordinate);
}

/**
 * Decides one field for a principal and a purpose: `allow`, `mask`, `pointer` (gray record: the value
 * is withheld, the record's pointer is not) or `deny`, naming the rule and its legal basis. Without a
 * record this is the field-level decision the gateway makes before planning; with one, the owner's.
 */
export function decide(
  principal: Principal,
  purpose: Purpose | null,
  coordinate: string,
  record?: RecordAttributes,
  grants: readonly DisclosureGrant[] = [],
): Decision {
  const standing = decideByAgreements(principal, purpose, coordinate, record);
  if (grants.length === 0 || !grantCanOverride(standing)) return standing;
  const grant = grantFor(grants, principal, purpose, coordinate, record);
  return grant ? grantDecision(grant, record) : standing;
}

/**
 * A grant releases what no clause does (the default) and more than a gray record's pointer; never a
 * record the owner's record rules keep from every partner (black, past review, handling conditions).
 */
function grantCanOverride(standing: Decision): boolean {
  return standing.rule === defaultDeny.rule || standing.effect === 'pointer';
}

function decideByAgreements(
  principal: Principal,
  purpose: Purpose | null,
  coordinate: string,
  record: RecordAttributes | undefined,
): Decision {
  const owner = index.ownerOf(coordinate);
  if (!owner) return defaultDeny;
  const typeName = typeOf(coordinate);
  const partnerRules = partnerRulesFor(owner, principal, typeName);
  if (record && partnerRules) {
    const refusal = partnerRefusal(partnerRules, principal, purpose, record);
    if (refusal) return refusal;
    if (record.dissemination === 'gray') {
      if (!(partnerRules.gray.pointerFields as readonly string[]).includes(coordinate))
        return recordDecision(partnerRules.gray, 'pointer');
      return bestOf(index.rulesForType(typeName), principal, purpose, record)
        ? recordDecision(partnerRules.gray, 'allow')
        : defaultDeny;
    }
  }
  const best = bestOf(index.rulesFor(coordinate), principal, purpose, record);
  if (!best) return defaultDeny;
  return {
    effect: best.effect,
    rule: best.id,
    legalBasis: best.legalBasis,
    ...(best.mask ? { mask: best.mask } : {}),
    conditional: best.records !== undefined || partnerRules !== null,
    reviewRequired: best.reviewRequired === true,
  };
}

/**
 * Decides a whole record: whether it appears at all (`deny` keeps it out of every list, as if it did
 * not exist), only as a pointer, or with whatever of its fields the rules allow.
 */
export function decideRecord(
  principal: Principal,
  purpose: Purpose | null,
  typeName: string,
  record: RecordAttributes,
  grants: readonly DisclosureGrant[] = [],
): Decision {
  const standing = decideRecordByAgreements(principal, purpose, typeName, record);
  if (grants.length === 0 || !grantCanOverride(standing)) return standing;
  const grant = grantFor(grants, principal, purpose, `${typeName}.*`, record, 'any field of the type');
  return grant ? grantDecision(grant, record) : standing;
}

function decideRecordByAgreements(
  principal: Principal,
  purpose: Purpose | null,
  typeName: string,
  record: RecordAttributes,
): Decision {
  const owner = index.ownerOf(`${typeName}.*`);
  const partnerRules = owner ? partnerRulesFor(owner, principal, typeName) : null;
  if (partnerRules) {
    const refusal = partnerRefusal(partnerRules, principal, purpose, record);
    if (refusal) return refusal;
  }
  const best = bestOf(index.rulesForType(typeName), principal, purpose, record);
  if (!best) return defaultDeny;
  if (partnerRules && record.dissemination === 'gray') return recordDecision(partnerRules.gray, 'pointer');
  return {
    effect: 'allow',
    rule: best.id,
    legalBasis: best.legalBasis,
    conditional: best.records !== undefined || partnerRules !== null,
    reviewRequired: best.reviewRequired === true,
  };
}

/**
 * Whether the owner's record rules keep this record from the principal whatever any clause or grant
 * says (black, past review, handling conditions): such a record must not even hit.
 */
export function isWithheldFromPartner(
  principal: Principal,
  purpose: Purpose | null,
  typeName: string,
  record: RecordAttributes,
): boolean {
  const owner = index.ownerOf(`${typeName}.*`);
  const partnerRules = owner ? partnerRulesFor(owner, principal, typeName) : null;
  return partnerRules !== null && partnerRefusal(partnerRules, principal, purpose, record) !== null;
}

/** Whether some rule lets this principal work for this purpose at all. */
export function isPurposeGranted(principal: Principal, purpose: Purpose): boolean {
  return agreements.some((agreement) =>
    agreement.rules.some(
      (rule) =>
        rule.grantsPurpose !== false &&
        rule.purposes !== 'any' &&
        rule.purposes.includes(purpose) &&
        recipientMatches(rule, principal),
    ),
  );
}

/** Whether requests for this purpose must carry a justification. */
export function isJustificationRequired(purpose: Purpose): boolean {
  return purposesRequiringJustification.includes(purpose);
}

/** Whether a coordinate can be asked for without declaring a purpose (it holds no personal data). */
export function isPurposeFree(coordinate: string): boolean {
  const rules = index.rulesFor(coordinate);
  return rules.length > 0 && rules.every(({ rule }) => rule.purposes === 'any');
}

function partnerRulesFor(owner: Agreement, principal: Principal, typeName: string) {
  const rules = owner.partnerRecordRules;
  if (!rules || principal.agency === owner.ownerAgency || !rules.appliesTo.includes(typeName)) return null;
  return rules;
}

function partnerRefusal(
  rules: NonNullable<Agreement['partnerRecordRules']>,
  principal: Principal,
  purpose: Purpose | null,
  record: RecordAttributes,
): Decision | null {
  if (record.dissemination === 'black') return recordDecision(rules.black, 'deny');
  if (record.pastReviewDate) return recordDecision(rules.pastReviewDate, 'deny');
  if (record.handlingCode === 'C' && !conditionsAllow(record.handlingConditions ?? [], principal, purpose)) {
    return recordDecision(rules.handlingConditions, 'deny');
  }
  return null;
}

function recordDecision(rule: RecordRule, effect: Decision['effect']): Decision {
  return { effect, rule: rule.id, legalBasis: rule.legalBasis, conditional: true, reviewRequired: false };
}

function conditionsAllow(
  conditions: readonly HandlingCondition[],
  principal: Principal,
  purpose: Purpose | null,
): boolean {
  return conditions.every((condition) => {
    switch (condition.kind) {
      case 'not-to-agency':
        return principal.agency !== condition.value;
      case 'only-to-agency':
        return principal.agency === condition.value;
      case 'only-for-purpose':
        return purpose === condition.value;
      default:
        // A condition this hub does not understand is one it cannot honour: refuse.
        return false;
    }
  });
}

/** The most permissive matching rule: allow before mask, and a regular rule before a reviewed one. */
function bestOf(
  candidates: readonly IndexedRule[],
  principal: Principal,
  purpose: Purpose | null,
  record: RecordAttributes | undefined,
): Rule | undefined {
  let best: Rule | undefined;
  for (const { rule } of candidates) {
    if (!recipientMatches(rule, principal) || !purposeMatches(rule, purpose)) continue;
    if (record && !recordMatches(rule, record)) continue;
    if (!best || rank(rule) < rank(best)) best = rule;
  }
  return best;
}

function rank(rule: Rule): number {
  return (rule.effect === 'allow' ? 0 : 2) + (rule.reviewRequired ? 1 : 0);
}

/** Whether a clause names this principal's agency and role, and the principal has its clearance and privileges. */
export function recipientMatches(rule: Pick<Rule, 'recipients'>, principal: Principal): boolean {
  const { byAgency, minimumClearance, privileges } = rule.recipients;
  return (
    (byAgency[principal.agency] ?? []).some((role) => principal.roles.includes(role)) &&
    (minimumClearance === undefined ||
      clearances.indexOf(principal.clearance) >= clearances.indexOf(minimumClearance)) &&
    (privileges ?? []).every((privilege) => principal.privileges.includes(privilege))
  );
}

function purposeMatches(rule: Rule, purpose: Purpose | null): boolean {
  return rule.purposes === 'any' || (purpose !== null && rule.purposes.includes(purpose));
}

function recordMatches(rule: Rule, record: RecordAttributes): boolean {
  const conditions = rule.records;
  if (!conditions) return true;
  if (conditions.dataSubjectCategories && record.dataSubjectCategory !== undefined) {
    if (!conditions.dataSubjectCategories.includes(record.dataSubjectCategory)) return false;
  }
  if (conditions.kinds && record.kinds !== undefined) {
    if (!record.kinds.some((kind) => conditions.kinds!.includes(kind))) return false;
  }
  return true;
}

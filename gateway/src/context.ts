import type { DisclosureGrant } from '@tessera/policies';
import type { RequestIdentity } from '@tessera/runtime';
import type { ConsultationDraft } from './audit/createConsultationLog.ts';
import type { AccessPlan } from './filter/planAccess.ts';

/** The gateway's per-request context. */
export interface GatewayContext {
  readonly identity: RequestIdentity;
  /** Internal tokens already minted for this request, by subgraph. */
  readonly internalTokens: Map<string, Promise<string>>;
  /** The request's consultation record in the making. */
  readonly consultation: ConsultationDraft;
  /** The caller's disclosure grants in force, read when a decision first needs them. */
  readonly grants: () => Promise<readonly DisclosureGrant[]>;
  /** What the policies decided for the operation, once it is known; until then nothing may run. */
  access?: AccessPlan;
  /** The operation's variables as the executor will see them, once the guard has coerced and checked them. */
  variables?: Readonly<Record<string, unknown>>;
}

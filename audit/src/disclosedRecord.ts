/** A released record, as the owner reports it to the gateway for the consultation record. */
export interface DisclosedRecord {
  readonly owner: string;
  readonly type: string;
  readonly id: string;
  readonly nationalId?: string;
  readonly rules: readonly string[];
}

/** The response extension that carries a subgraph's disclosures to the gateway (which strips it). */
export const disclosuresExtension = 'tesseraDisclosures';

/** An owner's answer when the hub asks it to release one of its events to a watcher (its alert desk). */
export type AlertRelease =
  | { readonly released: false }
  | {
      readonly released: true;
      /** The event's fields the watcher's agreements release now, masked where a rule masks; empty: a pointer. */
      readonly fields: readonly { readonly name: string; readonly value: string }[];
      readonly disclosed: readonly DisclosedRecord[];
    };

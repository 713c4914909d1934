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

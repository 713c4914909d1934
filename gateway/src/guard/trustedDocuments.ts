import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ApolloServerPlugin } from '@apollo/server';
import type { KeyValueCache } from '@apollo/utils.keyvaluecache';
import { codedError } from '@tessera/policies';
import { ConfigurationError, reasonOf } from '@tessera/runtime';
import type { GatewayContext } from '../context.ts';

/** The operations each client system may run, by the SHA-256 of their exact text. */
export interface TrustedDocuments {
  readonly byClient: ReadonlyMap<string, ReadonlySet<string>>;
  /** Serves the documents to Apollo's persisted-query lookup; nothing can be added to it. */
  readonly cache: KeyValueCache<string>;
  /**
   * Refuses a request that names a document by id (`documentId`, or the persisted-query extension)
   * without its text, when no reviewed document has that id: PERSISTED_QUERY_NOT_IN_LIST, which a
   * client must not answer by sending the text (Apollo's PERSISTED_QUERY_NOT_FOUND invites it to).
   */
  admit(body: unknown): void;
}

/**
 * Reads every reviewed file of the folder: `{ client, operations: [text, ...] }`. They are read at the gateway's
 * start, so a folder or file it cannot use is its operator's to mend: a ConfigurationError naming it and why.
 */
export function loadTrustedDocuments(folder: string): TrustedDocuments {
  const texts = new Map<string, string>();
  const byClient = new Map<string, Set<string>>();
  for (const { client, operations } of readReviewedFiles(folder)) {
    const ids = byClient.get(client) ?? new Set<string>();
    for (const text of operations) {
      const id = createHash('sha256').update(text).digest('hex');
      texts.set(id, text);
      ids.add(id);
    }
    byClient.set(client, ids);
  }
  return {
    byClient,
    admit(body) {
      const request = (body ?? {}) as { query?: unknown; extensions?: { persistedQuery?: { sha256Hash?: unknown } } };
      const id = request.extensions?.persistedQuery?.sha256Hash;
      if (id === undefined || request.query !== undefined) return;
      if (typeof id !== 'string' || !texts.has(id)) throw notInList('No reviewed operation has this id.');
    },
    cache: {
      // Apollo prefixes its keys; the documents are found by their hash alone.
      get: async (key) => texts.get(key.replace(/^apq:/, '')),
      // Automatic persisted queries would let anyone register a document: here nobody can.
      set: async () => {},
      delete: async () => false,
    },
  };
}

interface ReviewedFile {
  readonly client: string;
  readonly operations: readonly string[];
}

function readReviewedFiles(folder: string): ReviewedFile[] {
  const unusable = (what: string, error: unknown) =>
    new ConfigurationError(`Cannot use TRUSTED_DOCUMENTS_DIR ${what}: ${reasonOf(error)}.`);
  let names: string[];
  try {
    names = readdirSync(folder).filter((name) => name.endsWith('.json'));
  } catch (error) {
    throw unusable(folder, error);
  }
  return names.sort().map((name) => {
    const file = join(folder, name);
    try {
      const reviewed = JSON.parse(readFileSync(file, 'utf8')) as Partial<ReviewedFile> | null;
      const { client, operations } = reviewed ?? {};
      if (
        typeof client !== 'string' ||
        !Array.isArray(operations) ||
        !operations.every((text) => typeof text === 'string')
      )
        throw new Error('it must hold { "client": "<name>", "operations": ["<operation text>", ...] }');
      return { client, operations };
    } catch (error) {
      throw unusable(file, error);
    }
  });
}

/**
 * Client systems (role `system`, subject = the client's name) run only the operations registered for
 * them; people may send any operation within the limits.
 */
export function useTrustedDocuments(documents: TrustedDocuments): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ queryHash, contextValue }) {
          const { principal } = contextValue.identity;
          if (!principal.roles.includes('system')) return;
          if (!documents.byClient.get(principal.subject)?.has(queryHash)) {
            throw notInList('This system may run only the operations registered for it.');
          }
        },
      };
    },
  };
}

function notInList(message: string) {
  return codedError('PERSISTED_QUERY_NOT_IN_LIST', message, { refuseRequest: true });
}

import { GraphQLError, type ASTNode } from 'graphql';
import { maxJustificationLength } from './vocabulary.ts';

interface ErrorCodeDefinition {
  readonly description: string;
  /** The HTTP status of a response refused as a whole with this code; a field error keeps 200. */
  readonly httpStatus: number;
}

/**
 * The closed set of error codes a client can see. Anything else is masked as INTERNAL_SERVER_ERROR,
 * so a new code is added here first, with its description (rendered into docs/errors.md).
 */
export const errorCodes = {
  UNAUTHENTICATED: {
    description:
      'No bearer token, or one that is malformed, expired, not yet valid, from an issuer the hub does not trust, or for another audience.',
    httpStatus: 401,
  },
  FORBIDDEN: {
    description:
      'The caller is authenticated, but no rule allows this field or operation for this principal and purpose. The error names the field coordinate, the rule and its legal basis.',
    httpStatus: 403,
  },
  PURPOSE_REQUIRED: {
    description:
      'The operation touches personal data and the request declares no purpose (X-Purpose), or the purpose needs a justification (X-Justification) and none was given.',
    httpStatus: 400,
  },
  BAD_USER_INPUT: {
    description:
      'An argument or variable is of the wrong type or format (for example a malformed national identifier), or the X-Justification is ' +
      `longer than ${maxJustificationLength} characters or not text in UTF-8.`,
    httpStatus: 400,
  },
  BAD_REQUEST: {
    description:
      'The HTTP request is not a GraphQL request: malformed JSON, text not in UTF-8, a body cut short, a missing query, a wrong content type.',
    httpStatus: 400,
  },
  GRAPHQL_PARSE_FAILED: {
    description: 'The operation text is not valid GraphQL syntax.',
    httpStatus: 400,
  },
  GRAPHQL_VALIDATION_FAILED: {
    description: 'The operation does not match the schema (an unknown field, a missing argument).',
    httpStatus: 400,
  },
  OPERATION_RESOLUTION_FAILURE: {
    description: 'The document holds several operations and the request does not name one of them.',
    httpStatus: 400,
  },
  NOT_FOUND: {
    description: 'No record answers to this identifier.',
    httpStatus: 200,
  },
  QUERY_TOO_COMPLEX: {
    description: 'The operation exceeds the limit on its estimated cost (fields read, multiplied by list sizes).',
    httpStatus: 400,
  },
  QUERY_TOO_DEEP: {
    description: 'The operation nests fields deeper than the limit.',
    httpStatus: 400,
  },
  TOO_MANY_ALIASES: {
    description: 'The operation uses more aliases than the limit.',
    httpStatus: 400,
  },
  TOO_MANY_DIRECTIVES: {
    description: 'The operation uses more directives than the limit.',
    httpStatus: 400,
  },
  TOO_MANY_ROOT_FIELDS: {
    description: 'The operation asks for more root fields than the limit.',
    httpStatus: 400,
  },
  TOO_MANY_TOKENS: {
    description: 'The document has more tokens than the limit; it was not parsed further.',
    httpStatus: 400,
  },
  RATE_LIMITED: {
    description: 'Too many requests from this principal or this agency; retry after the seconds in Retry-After.',
    httpStatus: 429,
  },
  INTROSPECTION_DISABLED: {
    description: 'Schema introspection is for hub administrators only.',
    httpStatus: 403,
  },
  PERSISTED_QUERY_NOT_IN_LIST: {
    description:
      'The operation is not in the list of reviewed operations: a system client sent one not registered for it (by id, `documentId` or text), or anyone sent an id the hub does not know. Sending the full text does not help.',
    httpStatus: 400,
  },
  DOWNSTREAM_SERVICE_ERROR: {
    description: "An agency's subgraph did not answer; that agency's part of the response is null.",
    httpStatus: 200,
  },
  AUDIT_UNAVAILABLE: {
    description: 'The consultation could not be recorded in the audit trail, so nothing was released.',
    httpStatus: 503,
  },
  INTERNAL_SERVER_ERROR: {
    description: 'An unexpected failure. The cause is in the server log, never in the response.',
    httpStatus: 500,
  },
} as const satisfies Record<string, ErrorCodeDefinition>;

export type ErrorCode = keyof typeof errorCodes;

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.hasOwn(errorCodes, value);
}

export interface CodedErrorOptions {
  /** Extra `extensions` entries (never withheld data). */
  readonly extensions?: Record<string, unknown>;
  /** Refuse the whole HTTP request with the code's status, not only a field. */
  readonly refuseRequest?: boolean;
  /** Headers of the refusal (Retry-After). */
  readonly headers?: Readonly<Record<string, string>>;
}

/** A GraphQL error carrying one of the registered codes. */
export function codedError(code: ErrorCode, message: string, options: CodedErrorOptions = {}): GraphQLError {
  const http = options.refuseRequest
    ? {
        http: {
          status: errorCodes[code].httpStatus,
          ...(options.headers ? { headers: new Map(Object.entries(options.headers)) } : {}),
        },
      }
    : {};
  return new GraphQLError(message, { extensions: { ...options.extensions, code, ...http } });
}

/** Renders the registry as the Markdown of docs/errors.md. */
export function renderErrorCodes(): string {
  const rows = Object.entries(errorCodes).map(
    ([code, { description, httpStatus }]) => `| \`${code}\` | ${httpStatus} | ${description} |`,
  );
  return [
    '# Error codes',
    '',
    'Generated from `policies/src/errorCodes.ts` by `pnpm docs:errors`; a test fails when this file is stale.',
    'Every error a client sees carries one of these in `extensions.code`. The status applies when the whole',
    'request is refused; an error on one field comes back with HTTP 200 beside the rest of the data.',
    '',
    '| code | HTTP status | meaning |',
    '| --- | --- | --- |',
    ...rows,
    '',
  ].join('\n');
}

/**
 * The error of a withheld field: the same words whether or not the field holds data, so that a denial
 * is never an oracle for existence. It names the field, the rule and the rule's legal basis.
 */
export function forbiddenError(
  coordinate: string,
  decision: { readonly rule: string; readonly legalBasis: string },
  path?: readonly (string | number)[],
  /** The field's nodes in the operation, for the error's locations. */
  nodes?: readonly ASTNode[],
): GraphQLError {
  // A withheld field is an answer, not a fault: a stack trace would say nothing, and capturing one costs
  // more than the rest of the error (half of it, measured), for every field of every record withheld.
  // Given its path, the error is already located: graphql-js uses it as it is instead of wrapping it in
  // a new error that captures (and formats) a stack of its own, four times the cost of the error (measured).
  const stackTraceLimit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return new GraphQLError(`${coordinate} is withheld from you for this purpose (rule ${decision.rule}).`, {
      ...(path ? { path } : {}),
      ...(nodes ? { nodes } : {}),
      extensions: { code: 'FORBIDDEN', coordinate, rule: decision.rule, legalBasis: decision.legalBasis },
    });
  } finally {
    Error.stackTraceLimit = stackTraceLimit;
  }
}

/**
 * The same withheld field's error at another path of the same answer (each record of a list withholding
 * it): the first error's words, rule and legal basis, with a path of its own. It is a copy that inherits
 * the rest from the first, a GraphQLError still: graphql-js's constructor costs about 14 us an error,
 * nearly all of it in redefining its properties, and a list of a hundred records makes a hundred.
 */
export function forbiddenErrorAt(first: GraphQLError, path: readonly (string | number)[]): GraphQLError {
  return Object.create(first, {
    path: { value: path, enumerable: true, writable: true, configurable: true },
  }) as GraphQLError;
}

import type { IncomingHttpHeaders } from 'node:http';
import { codedError, isOneOf, maxJustificationLength, purposes, type Purpose } from '@tessera/policies';
import { headerText } from '@tessera/runtime';

/**
 * Reads the declared purpose (X-Purpose) and justification (X-Justification) of a request. A purpose
 * outside the vocabulary is refused here; whether the caller may use it is the policies' decision.
 */
export function readRequestPurpose(headers: IncomingHttpHeaders): {
  purpose: Purpose | null;
  justification: string | null;
} {
  const purpose = headerText(headers['x-purpose']);
  const justification = headerText(headers['x-justification']);
  if (purpose === undefined || (purpose !== null && !isOneOf(purposes, purpose))) {
    throw codedError('PURPOSE_REQUIRED', `X-Purpose must be one of: ${purposes.join(', ')}.`, { refuseRequest: true });
  }
  if (justification === undefined) {
    throw codedError('BAD_USER_INPUT', 'X-Justification must be text in UTF-8.', { refuseRequest: true });
  }
  if (justification !== null && justification.length > maxJustificationLength) {
    throw codedError('BAD_USER_INPUT', `X-Justification is limited to ${maxJustificationLength} characters.`, {
      refuseRequest: true,
    });
  }
  return { purpose, justification };
}

import { EncryptJWT, jwtDecrypt } from 'jose';
import { codedError, type Principal, type Purpose } from '@tessera/policies';
import type { SecretKey } from '@tessera/runtime';

/** How long a hit's reference stays good: a day to decide whether to ask the owner for more. */
const referenceLifetime = '24h';

/** What a reference names: the owner, the subject and its records, and who may use it, for what. */
export interface HitReference {
  readonly owner: string;
  readonly subject: string;
  readonly records: readonly string[];
  readonly principal: { readonly issuer: string; readonly subject: string };
  readonly purpose: Purpose;
}

/**
 * Seals a hit's reference: encrypted and authenticated with the owner's secret key (JWE, dir +
 * A256GCM), so it is opaque to the requester (it does not learn which records hit) and useless to
 * anyone else: only the owner opens it, and only for the principal and purpose it names.
 */
export async function sealReference(reference: HitReference, key: SecretKey): Promise<string> {
  return (
    new EncryptJWT({
      rec: reference.records,
      iss_: reference.principal.issuer,
      sub_: reference.principal.subject,
      pur: reference.purpose,
      subj: reference.subject,
    })
      // The owner is named in the clear, so the gateway knows whom to ask; nothing else is readable.
      .setProtectedHeader({ alg: 'dir', enc: 'A256GCM', kid: key.kid, owner: reference.owner })
      .setAudience(reference.owner)
      .setIssuedAt()
      .setExpirationTime(referenceLifetime)
      .encrypt(key.key)
  );
}

/**
 * Opens a reference for the principal presenting it: refused (BAD_USER_INPUT, the same words whatever
 * the cause) when it is forged, expired, another owner's, another principal's or for another purpose.
 */
export async function openReference(
  token: string,
  owner: string,
  key: SecretKey,
  principal: Principal,
  purpose: Purpose | null,
  now: Date = new Date(),
): Promise<HitReference> {
  try {
    const { payload } = await jwtDecrypt(token, key.key, { audience: owner, currentDate: now });
    const reference: HitReference = {
      owner,
      subject: String(payload.subj),
      records: (payload.rec as string[]) ?? [],
      principal: { issuer: String(payload.iss_), subject: String(payload.sub_) },
      purpose: payload.pur as Purpose,
    };
    if (
      reference.principal.issuer !== principal.issuer ||
      reference.principal.subject !== principal.subject ||
      reference.purpose !== purpose
    ) {
      throw new Error('not this principal and purpose');
    }
    return reference;
  } catch {
    throw codedError('BAD_USER_INPUT', 'This reference is not valid for you and this purpose, or has expired.', {
      extensions: { argument: 'reference' },
    });
  }
}

import { describe, expect, test } from 'vitest';
import { principalFromClaims } from '../src/index.ts';

const valid = {
  iss: 'https://idp.customs.test',
  sub: 'officer-12',
  agency: 'customs',
  roles: ['officer'],
  clearance: 'OFFICIAL',
  privileges: ['sworn'],
};

describe('principalFromClaims', () => {
  test('reads a principal from complete, known claims', () => {
    expect(principalFromClaims(valid)).toEqual({
      ok: true,
      principal: {
        issuer: 'https://idp.customs.test',
        subject: 'officer-12',
        agency: 'customs',
        roles: ['officer'],
        clearance: 'OFFICIAL',
        privileges: ['sworn'],
      },
    });
  });

  test('privileges may be absent: none are granted', () => {
    const { privileges: _, ...withoutPrivileges } = valid;
    const read = principalFromClaims(withoutPrivileges);
    expect(read.ok && read.principal.privileges).toEqual([]);
  });

  test.each([
    ['no subject', { sub: undefined }, 'claim sub must be a non-empty string'],
    ['an unknown agency', { agency: 'interpol' }, 'claim agency must be one of police, customs, probation, oversight'],
    ['roles that are not a list', { roles: 'officer' }, 'claim roles must be a list'],
    ['an unknown role among known ones', { roles: ['officer', 'god'] }, 'claim roles holds unknown values'],
    ['no role at all', { roles: [] }, 'claim roles must name at least one role'],
    ['an unknown clearance', { clearance: 'TOP SECRET' }, 'claim clearance must be one of'],
    ['an unknown privilege', { privileges: ['root'] }, 'claim privileges holds unknown values'],
  ])('refuses %s', (_, change, problem) => {
    const read = principalFromClaims({ ...valid, ...change });
    expect(read.ok).toBe(false);
    expect(!read.ok && read.problems.join('\n')).toContain(problem);
  });

  test('reports every problem at once', () => {
    const read = principalFromClaims({ ...valid, agency: 'x', clearance: 'y' });
    expect(!read.ok && read.problems).toHaveLength(2);
  });
});

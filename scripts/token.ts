import { parseArgs } from 'node:util';
import { agencies, clearances, isOneOf, privileges, roles, type Privilege, type Role } from '@tessera/policies';
import { devIdpFolder } from '@tessera/demo';
import { ensureDevIdentityProvider, issueToken } from '@tessera/demo';

const usage = `Usage: pnpm token --agency <agency> --role <role> [--role ...] [--clearance <level>]
                  [--privilege <privilege> ...] [--ttl <seconds>] [--subject <name>]
  agency:    ${agencies.join(', ')}
  role:      ${roles.join(', ')}
  clearance: ${clearances.join(', ')} (default OFFICIAL)
  privilege: ${privileges.join(', ')}
  ttl:       seconds, 1 to 43200 (default 3600)`;

function fail(message: string): never {
  console.error(`${message}\n\n${usage}`);
  process.exit(2);
}

let values;
try {
  ({ values } = parseArgs({
    options: {
      agency: { type: 'string' },
      role: { type: 'string', multiple: true },
      clearance: { type: 'string', default: 'OFFICIAL' },
      privilege: { type: 'string', multiple: true, default: [] },
      ttl: { type: 'string', default: '3600' },
      subject: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  }));
} catch (error) {
  fail((error as Error).message);
}
if (values.help) {
  console.log(usage);
  process.exit(0);
}
// Every problem at once, each with what was given.
const problems: string[] = [];
const given = (value: unknown) => (value === undefined ? 'none given' : `got ${JSON.stringify(value)}`);
const agency = isOneOf(agencies, values.agency) ? values.agency : undefined;
if (agency === undefined) problems.push(`--agency is required, one of the agencies below (${given(values.agency)}).`);
const roleList = values.role ?? [];
const unknownRoles = roleList.filter((role) => !isOneOf(roles, role));
if (roleList.length === 0 || unknownRoles.length > 0)
  problems.push(
    `--role is required, each one of the roles below (${given(roleList.length ? unknownRoles : undefined)}).`,
  );
const clearance = isOneOf(clearances, values.clearance) ? values.clearance : undefined;
if (clearance === undefined) problems.push(`--clearance must be one of the levels below (${given(values.clearance)}).`);
const privilegeList = values.privilege ?? [];
const unknownPrivileges = privilegeList.filter((privilege) => !isOneOf(privileges, privilege));
if (unknownPrivileges.length > 0)
  problems.push(`--privilege must name privileges below (${given(unknownPrivileges)}).`);
const ttlSeconds = Number(values.ttl);
if (!Number.isInteger(ttlSeconds) || ttlSeconds < 1 || ttlSeconds > 43_200)
  problems.push(`--ttl must be 1 to 43200 seconds (${given(values.ttl)}).`);
if (problems.length > 0 || agency === undefined || clearance === undefined) fail(problems.join('\n'));

const idp = await ensureDevIdentityProvider(devIdpFolder);
console.log(
  await issueToken(idp, {
    subject: values.subject ?? `${agency}-${roleList[0]}-demo`,
    agency,
    roles: roleList as Role[],
    clearance,
    privileges: privilegeList as Privilege[],
    ttlSeconds,
  }),
);

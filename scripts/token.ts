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
if (!isOneOf(agencies, values.agency)) fail('--agency is required and must be one of the agencies below.');
const roleList = values.role ?? [];
if (roleList.length === 0 || !roleList.every((role) => isOneOf(roles, role))) fail('--role must name known roles.');
if (!isOneOf(clearances, values.clearance)) fail('--clearance must be one of the levels below.');
const privilegeList = values.privilege ?? [];
if (!privilegeList.every((privilege) => isOneOf(privileges, privilege)))
  fail('--privilege must name known privileges.');
const ttlSeconds = Number(values.ttl);
if (!Number.isInteger(ttlSeconds) || ttlSeconds < 1 || ttlSeconds > 43_200) fail('--ttl must be 1 to 43200 seconds.');

const idp = await ensureDevIdentityProvider(devIdpFolder);
console.log(
  await issueToken(idp, {
    subject: values.subject ?? `${values.agency}-${roleList[0]}-demo`,
    agency: values.agency,
    roles: roleList as Role[],
    clearance: values.clearance,
    privileges: privilegeList as Privilege[],
    ttlSeconds,
  }),
);

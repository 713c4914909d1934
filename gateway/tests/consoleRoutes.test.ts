import { expect, test } from 'vitest';
import { consoleBundle, readDemoSignIn } from '../src/console/consoleRoutes.ts';

const page = '<head><meta name="tessera-sign-in" content="" /></head>';

test('the page learns how to sign in, escaped so that no value can leave its attribute', () => {
  const bundle = consoleBundle('/dist', {
    demo: false,
    oidc: { authority: 'https://idp.police.test/realms/a"b<c>', clientId: "console&co$&$1$'", scope: 'openid' },
  });
  const html = bundle.page!(page);
  const content = /content="([^"]*)"/.exec(html)![1]!;
  expect(content).not.toMatch(/[<>"]/);
  const decoded = content
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
  expect(JSON.parse(decoded)).toEqual({
    demo: false,
    oidc: { authority: 'https://idp.police.test/realms/a"b<c>', clientId: "console&co$&$1$'", scope: 'openid' },
  });
});

test('the console may talk to the hub, and to the identity provider when there is one', () => {
  expect(consoleBundle('/dist', { demo: true, oidc: null }).contentSecurityPolicy).toContain("connect-src 'self';");
  const withIdp = consoleBundle('/dist', {
    demo: false,
    oidc: { authority: 'https://idp.police.test/realms/police', clientId: 'console', scope: 'openid' },
  });
  expect(withIdp.contentSecurityPolicy).toContain("connect-src 'self' https://idp.police.test;");
  expect(withIdp.contentSecurityPolicy).toContain("script-src 'self';");
});

test('a demo sign-in names a subject, an agency, roles, a clearance and privileges, or is refused with them all', () => {
  expect(
    readDemoSignIn(
      JSON.stringify({
        subject: ' analyst-1 ',
        agency: 'police',
        roles: ['analyst', 'analyst'],
        clearance: 'SECRET',
        privileges: ['sworn'],
      }),
    ),
  ).toEqual({ subject: 'analyst-1', agency: 'police', roles: ['analyst'], clearance: 'SECRET', privileges: ['sworn'] });
  expect(() => readDemoSignIn('{')).toThrow('not valid JSON');
  expect(() =>
    readDemoSignIn(
      JSON.stringify({ subject: '', agency: 'interpol', roles: ['king'], clearance: 'TOP', privileges: 'all' }),
    ),
  ).toThrow(/subject: .*; agency: .*; roles: .*; clearance: .*; privileges: /);
  expect(() => readDemoSignIn('null')).toThrow('The sign-in request is incomplete');
});

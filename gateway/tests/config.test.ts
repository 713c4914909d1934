import { describe, expect, test } from 'vitest';
import {
  builtConsole,
  builtGraphiQL,
  committedSupergraphFile,
  committedTrustedDocuments,
  loadConfig,
} from '../src/index.ts';

const minimal = {
  TRUSTED_ISSUERS: JSON.stringify([
    {
      issuer: 'https://idp.police.test',
      audience: 'tessera-hub',
      agencies: ['police'],
      jwksUrl: 'https://idp.police.test/jwks',
    },
  ]),
  INTERNAL_SIGNING_KEY_FILE: '/run/secrets/internal.jwk',
  AUDIT_SIGNING_KEY_FILE: '/run/secrets/audit.jwk',
  HUB_DATABASE_URL: 'postgres://hub@db.internal/hub',
};

describe('loadConfig', () => {
  test('fills every default from a minimal configuration', () => {
    expect(loadConfig(minimal)).toEqual({
      host: '127.0.0.1',
      port: 4000,
      trustedIssuers: [
        {
          issuer: 'https://idp.police.test',
          audience: 'tessera-hub',
          agencies: ['police'],
          jwksUrl: 'https://idp.police.test/jwks',
        },
      ],
      jwks: { cooldownSeconds: 30, cacheSeconds: 600 },
      allowedAlgorithms: ['ES256', 'EdDSA', 'RS256', 'PS256'],
      internalSigningKeyFile: '/run/secrets/internal.jwk',
      supergraphFile: committedSupergraphFile,
      subgraphUrls: {},
      hubDatabaseUrl: 'postgres://hub@db.internal/hub',
      auditSigningKeyFile: '/run/secrets/audit.jwk',
      checkpointIntervalSeconds: 60,
      trustedDocumentsDir: committedTrustedDocuments,
      natsUrl: undefined,
      alertWebhooks: [],
      webhookRetries: { attempts: 8, firstDelayMs: 1000 },
      redisUrl: undefined,
      subgraphTimeoutMs: 10_000,
      corsOrigins: [],
      graphiqlDir: builtGraphiQL,
      consoleDir: builtConsole,
      consoleOidc: undefined,
      rateLimits: {
        perPrincipal: { burst: 60, perSecond: 10 },
        perAgency: { burst: 600, perSecond: 100 },
        hitSubjects: { burst: 5000, perSecond: 50 },
      },
      limits: { maxDepth: 12, maxAliases: 30, maxDirectives: 20, maxRootFields: 10, maxTokens: 4000, maxCost: 250_000 },
      logLevel: 'info',
    });
  });

  test('reports every problem together', () => {
    expect(() =>
      loadConfig({ TESSERA_PORT: 'eighty', ALLOWED_ALGORITHMS: 'ES256,HS256,none', SUBGRAPH_URLS: 'police' }),
    ).toThrow(
      [
        'Invalid gateway configuration:',
        '- INTERNAL_SIGNING_KEY_FILE is required',
        '- AUDIT_SIGNING_KEY_FILE is required',
        '- HUB_DATABASE_URL is required',
        '- TESSERA_PORT must be a whole number from 0 to 65535 (got "eighty")',
        '- TRUSTED_ISSUERS is required: a JSON list of {issuer, audience, agencies: [...], jwksUrl | jwksFile | discovery: true, claims?}',
        '- ALLOWED_ALGORITHMS must be a subset of ES256, ES384, ES512, EdDSA, RS256, RS384, RS512, PS256, PS384, PS512 (refused: HS256, none)',
        '- SUBGRAPH_URLS entry "police" must be name=http(s)://...',
      ].join('\n'),
    );
  });

  test('needs exactly one key source per issuer', () => {
    const issuers = JSON.stringify([
      { issuer: 'a', audience: 'b', agencies: ['police'], jwksUrl: 'https://a/jwks', jwksFile: '/a.json' },
    ]);
    expect(() => loadConfig({ ...minimal, TRUSTED_ISSUERS: issuers })).toThrow(
      'needs exactly one of jwksUrl, jwksFile and discovery: true',
    );
  });

  test.each([
    ['no agencies', { agencies: [] }, 'agencies must list the agencies it vouches for'],
    ['an unknown agency', { agencies: ['interpol'] }, 'agencies must list the agencies it vouches for'],
    ['keys over plain http from afar', { jwksUrl: 'http://idp.example/jwks' }, 'jwksUrl must be an https URL'],
    ['a claim the hub does not read', { claims: { groups: 'roles' } }, 'claims maps agency, roles'],
  ])('refuses an issuer with %s', (_, change, message) => {
    const issuer = { issuer: 'https://a', audience: 'b', agencies: ['police'], jwksUrl: 'https://a/jwks', ...change };
    expect(() => loadConfig({ ...minimal, TRUSTED_ISSUERS: JSON.stringify([issuer]) })).toThrow(message);
  });

  test('reads discovery and claim names', () => {
    const issuer = {
      issuer: 'http://127.0.0.1:8080/realms/probation',
      audience: 'tessera-hub',
      agencies: ['probation'],
      discovery: true,
      claims: { roles: 'realm_access.roles' },
    };
    expect(loadConfig({ ...minimal, TRUSTED_ISSUERS: JSON.stringify([issuer]) }).trustedIssuers).toEqual([issuer]);
  });

  test('reads subgraph URLs by name', () => {
    const config = loadConfig({
      ...minimal,
      SUBGRAPH_URLS: 'police=http://police:4001/, customs=https://customs.example/graphql',
    });
    expect(config.subgraphUrls).toEqual({ police: 'http://police:4001/', customs: 'https://customs.example/graphql' });
  });
});

test('CORS_ORIGINS takes exact origins and refuses anything else', () => {
  expect(loadConfig({ ...minimal, CORS_ORIGINS: 'https://a.example, http://127.0.0.1:5173' }).corsOrigins).toEqual([
    'https://a.example',
    'http://127.0.0.1:5173',
  ]);
  expect(() => loadConfig({ ...minimal, CORS_ORIGINS: 'https://a.example/console,*' })).toThrow(
    /CORS_ORIGINS entry "https:\/\/a.example\/console" must be an origin[\s\S]*CORS_ORIGINS entry "\*"/,
  );
});

test('the console signs in with a trusted issuer only, named with its client', () => {
  const oidc = { CONSOLE_OIDC_ISSUER: 'https://idp.police.test', CONSOLE_OIDC_CLIENT_ID: 'tessera-console' };
  expect(loadConfig({ ...minimal, ...oidc }).consoleOidc).toEqual({
    authority: 'https://idp.police.test',
    clientId: 'tessera-console',
    scope: 'openid',
  });
  expect(() => loadConfig({ ...minimal, CONSOLE_OIDC_ISSUER: 'https://idp.police.test' })).toThrow(
    'CONSOLE_OIDC_ISSUER and CONSOLE_OIDC_CLIENT_ID go together',
  );
  expect(() => loadConfig({ ...minimal, ...oidc, CONSOLE_OIDC_ISSUER: 'https://elsewhere.test' })).toThrow(
    'CONSOLE_OIDC_ISSUER must be one of TRUSTED_ISSUERS',
  );
});

import { expect, test } from 'vitest';
import { ConfigurationError, connectClient } from '../src/index.ts';

test("a database out of reach is named without its password, with the reason, as its operator's to mend", async () => {
  // Nothing listens on port 1 of loopback: the connection is refused at once.
  await expect(connectClient('postgres://auditor:s3cret@127.0.0.1:1/tessera_hub')).rejects.toEqual(
    new ConfigurationError(
      'Cannot open the database postgres://auditor:***@127.0.0.1:1/tessera_hub: connect ECONNREFUSED 127.0.0.1:1. ' +
        'Check the URL, and that PostgreSQL runs there and holds that database.',
    ),
  );
});

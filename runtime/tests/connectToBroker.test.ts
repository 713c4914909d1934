import { expect, test } from 'vitest';
import { ConfigurationError, connectToBroker } from '../src/index.ts';

test("a broker out of reach at the start is named without its password, as its operator's to mend", async () => {
  // Nothing listens on port 1 of loopback: the connection is refused at once.
  await expect(connectToBroker('nats://relay:s3cret@127.0.0.1:1')).rejects.toEqual(
    new ConfigurationError(
      'Cannot reach the NATS server at nats://relay:***@127.0.0.1:1: connection refused (connect ECONNREFUSED ' +
        '127.0.0.1:1). Start it (with JetStream), or correct NATS_URL (without it the demo runs with alerts off).',
    ),
  );
});

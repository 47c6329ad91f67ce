import { parseArgs } from 'node:util';

import { FakeOktaOrg } from '../test/support/fake-okta-org.js';

const USAGE =
  'usage: node dist/scripts/fake-okta-org.js [--users 1000] [--port 8900] ' +
  '[--rate-limit 600] [--deprovisioned 0]';

/**
 * An Okta-shaped org on 127.0.0.1 for trying Ferry without Okta: it serves
 * GET /api/v1/users (pages of 200, Link headers, filter and search,
 * X-Rate-Limit-* headers) and the OAuth token endpoint. Prints the settings
 * to give Ferry's worker, then runs until Ctrl-C.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      users: { type: 'string', default: '1000' },
      port: { type: 'string', default: '8900' },
      'rate-limit': { type: 'string', default: '600' },
      deprovisioned: { type: 'string', default: '0' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const org = await FakeOktaOrg.start({
    port: wholeNumber(values.port, '--port'),
    rateLimit: wholeNumber(values['rate-limit'], '--rate-limit'),
  });
  const users = org.seed(wholeNumber(values.users, '--users'));
  const deprovisioned = wholeNumber(values.deprovisioned, '--deprovisioned');
  for (const user of users.slice(0, deprovisioned)) {
    org.updateUser(user.id, { status: 'DEPROVISIONED' });
  }
  console.log(`fake Okta org with ${users.length} users is listening`);
  console.log(`OKTA_ORG_URL=${org.url}`);
  console.log(`OKTA_API_TOKEN=${org.apiToken}`);
  const stop = () => void org.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

function wholeNumber(text: string, option: string): number {
  if (!/^\d+$/.test(text)) {
    console.error(`${option} must be a whole number\n${USAGE}`);
    process.exit(2);
  }
  return Number(text);
}

await main();

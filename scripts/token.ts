/**
 * `npm run -s token -- --role ROLE [--person ID] [--department D] [--ttl 1h] [--sub S]`: prints a
 * dev JWT the gateway accepts (HS256 with JWT_SECRET or the dev secret under `.data/`). Exit 2 on
 * bad arguments or when the gateway is configured to verify with someone else's public key.
 */
import { parseArgs } from 'node:util';
import { AuthConfigError, authConfigFromEnv } from '@credit/gateway/auth';
import { DevTokenError, signDevToken } from '@credit/gateway/dev-token';

try {
  const { values } = parseArgs({
    options: {
      role: { type: 'string' },
      person: { type: 'string' },
      department: { type: 'string' },
      ttl: { type: 'string', default: '1h' },
      sub: { type: 'string' },
    },
  });
  if (!values.role) throw new DevTokenError('--role is required');
  const token = await signDevToken(authConfigFromEnv(), {
    role: values.role,
    personId: values.person,
    department: values.department,
    ttl: values.ttl,
    sub: values.sub,
  });
  process.stdout.write(`${token}\n`);
} catch (error) {
  // parseArgs reports unknown or value-less options as TypeErrors with a usable message.
  if (!(error instanceof DevTokenError || error instanceof AuthConfigError || error instanceof TypeError)) throw error;
  console.error(`token: ${error.message}`);
  console.error('usage: npm run -s token -- --role ROLE [--person ID] [--department D] [--ttl 1h] [--sub S]');
  process.exit(2);
}

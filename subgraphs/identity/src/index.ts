import '@credit/kit/infra/instrument';
import { DEFAULT_PORTS, logger } from '@credit/kit';
import { startIdentity } from './server.js';

const running = await startIdentity({ port: Number(process.env.PORT ?? DEFAULT_PORTS.identity), host: process.env.HOST });
logger.info({ url: running.url }, 'identity subgraph listening');
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void running.close().then(() => process.exit(0)));

import '@credit/kit/infra/instrument';
import { DEFAULT_PORTS, logger } from '@credit/kit';
import { startRecords } from './server.js';

const running = await startRecords({ port: Number(process.env.PORT ?? DEFAULT_PORTS.records), host: process.env.HOST });
logger.info({ url: running.url }, 'records subgraph listening');
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void running.close().then(() => process.exit(0)));

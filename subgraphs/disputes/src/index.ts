import '@credit/kit/infra/instrument';
import { DEFAULT_PORTS, logger } from '@credit/kit';
import { startDisputes } from './server.js';

const running = await startDisputes({ port: Number(process.env.PORT ?? DEFAULT_PORTS.disputes), host: process.env.HOST });
logger.info({ url: running.url }, 'disputes subgraph listening');
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void running.close().then(() => process.exit(0)));

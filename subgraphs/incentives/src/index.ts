import '@credit/kit/infra/instrument';
import { DEFAULT_PORTS, logger } from '@credit/kit';
import { startIncentives } from './server.js';

const running = await startIncentives({ port: Number(process.env.PORT ?? DEFAULT_PORTS.incentives), host: process.env.HOST });
logger.info({ url: running.url }, 'incentives subgraph listening');
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void running.close().then(() => process.exit(0)));

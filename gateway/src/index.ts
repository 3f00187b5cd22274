import './instrument.js';
import { DEFAULT_PORTS, logger } from '@credit/kit';
import { startGateway } from './server.js';
import { gatewayWorkersFromEnv, superviseWorkers } from './workers.js';

const workers = gatewayWorkersFromEnv();
if (workers === 1 || !(await superviseWorkers(workers))) {
  const running = await startGateway({ port: Number(process.env.PORT ?? DEFAULT_PORTS.gateway), host: process.env.HOST });
  logger.info({ url: `${running.url}/graphql` }, 'gateway listening');
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void running.close().then(() => process.exit(0)));
}

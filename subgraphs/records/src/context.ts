import type { Clock, Db, Relay } from '@credit/kit';
import { createLoaders, type Loaders } from './loaders.js';

export interface Context {
  db: Db;
  clock: Clock;
  /** Kicked after a commit that enqueued events, so they leave now rather than at the next poll. */
  relay: Relay | undefined;
  loaders: Loaders;
}

export function createContext({ db, clock, relay }: { db: Db; clock: Clock; relay: Relay | undefined }): Context {
  return { db, clock, relay, loaders: createLoaders(db, clock) };
}

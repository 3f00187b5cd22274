import type { Clock, Db, Relay } from '@credit/kit';
import type { CallerContext } from '@credit/schema';
import { createLoaders, type Loaders } from './loaders.js';

export interface Context {
  db: Db;
  clock: Clock;
  /** Kicked after a commit that enqueued events, so they leave now rather than at the next poll. */
  relay: Relay | undefined;
  loaders: Loaders;
  /** Who the gateway says is calling; identity applies the grant row rules with it. */
  caller: CallerContext;
}

export function createContext({ db, clock, relay, caller }: { db: Db; clock: Clock; relay?: Relay; caller: CallerContext }): Context {
  return { db, clock, relay, loaders: createLoaders(db), caller };
}

import type { Clock, Db } from '@credit/kit';
import type { CallerContext } from '@credit/schema';
import { createLoaders, type Loaders } from './loaders.js';

export interface Context {
  db: Db;
  clock: Clock;
  loaders: Loaders;
  /** Who the gateway says is calling; nominateRedList checks its permit with it. */
  caller: CallerContext;
}

export function createContext({ db, clock, caller }: { db: Db; clock: Clock; caller: CallerContext }): Context {
  return { db, clock, loaders: createLoaders(db, clock), caller };
}

import type { Clock, Db } from '@credit/kit';
import { createLoaders, type Loaders } from './loaders.js';

export interface Context {
  db: Db;
  clock: Clock;
  loaders: Loaders;
}

export function createContext({ db, clock }: { db: Db; clock: Clock }): Context {
  return { db, clock, loaders: createLoaders(db) };
}

import { readFileSync, watch, type FSWatcher } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { SupergraphSdlHook } from '@apollo/gateway';
import { logger } from '@credit/kit';
import { apiSchemaOfSupergraph, classificationsFromSupergraph } from '@credit/schema/classifications';
import { inferenceProblems } from '@credit/schema/inference';
import { parse, validate } from 'graphql';
import { undeclaredScalars } from './checked-schema.js';

export const SUPERGRAPH_PATH = new URL('../../schema/supergraph.graphql', import.meta.url);

/** `SUPERGRAPH_FILE`, else the committed supergraph (`npm run compose`); the gateway never composes at run time. */
export const supergraphFileFromEnv = (env: NodeJS.ProcessEnv = process.env) => env.SUPERGRAPH_FILE || fileURLToPath(SUPERGRAPH_PATH);

export function loadSupergraphSdl(file: string = supergraphFileFromEnv()): string {
  return readFileSync(file, 'utf8');
}

/**
 * Why a supergraph may not be served: it does not build, a field is unclassified, a mask can be
 * undone from the other fields (schema/src/inference.ts), a custom scalar has no declared parse
 * rule (checked-schema.ts), or a trusted document no longer validates
 * (the dashboards using it would break). Empty when it may.
 */
export function supergraphProblems(sdl: string, documents: Iterable<string>): string[] {
  try {
    const problems = inferenceProblems(classificationsFromSupergraph(sdl));
    const api = apiSchemaOfSupergraph(sdl);
    for (const name of undeclaredScalars(api)) problems.push(`scalar ${name} has no parse rule in schema/src/scalars.ts, so the gateway could not check its values`);
    for (const text of documents) {
      const errors = validate(api, parse(text));
      if (errors.length) problems.push(`trusted document ${text.split('\n').find((l) => /^\s*(query|mutation)\b/.test(l))?.trim() ?? '(unnamed)'}: ${errors[0]!.message}`);
    }
    return problems;
  } catch (error) {
    return [(error as Error).message];
  }
}

/**
 * A supergraph that follows its file: on every change the new text is checked, and only a text
 * without problems replaces the one being served. A bad file is logged and the old supergraph keeps
 * serving; requests in flight finish on the schema they started with.
 */
export function watchedSupergraph(options: {
  file: string;
  documents: () => Iterable<string>;
  /** After a new supergraph is in service (the plan warm-up runs again). */
  onSwap: () => void;
}): SupergraphSdlHook {
  return async ({ update }) => {
    const initial = loadSupergraphSdl(options.file);
    const refused = supergraphProblems(initial, options.documents());
    if (refused.length) throw new Error(`the supergraph ${options.file} cannot be served: ${refused.join('; ')}`);
    let served = initial;
    let timer: NodeJS.Timeout | undefined;
    const reload = () => {
      let sdl: string;
      try {
        sdl = loadSupergraphSdl(options.file);
      } catch {
        return; // mid-write or removed: the next event reads it again
      }
      if (sdl === served) return;
      const problems = supergraphProblems(sdl, options.documents());
      if (problems.length) {
        logger.error({ file: options.file, problems }, 'new supergraph refused; the previous one keeps serving');
        return;
      }
      try {
        update(sdl);
      } catch (error) {
        logger.error({ file: options.file, problem: (error as Error).message }, 'new supergraph refused by the gateway; the previous one keeps serving');
        return;
      }
      served = sdl;
      logger.info({ file: options.file }, 'new supergraph in service');
      options.onSwap();
    };
    let watcher: FSWatcher | undefined;
    try {
      // The directory, not the file: editors and `compose` replace the file, which ends a file watch.
      const dir = options.file.slice(0, options.file.lastIndexOf('/')) || '.';
      const name = options.file.slice(options.file.lastIndexOf('/') + 1);
      watcher = watch(dir, (_event, changed) => {
        if (changed !== null && changed !== name) return;
        clearTimeout(timer);
        timer = setTimeout(reload, 100);
      });
    } catch (error) {
      logger.warn({ file: options.file, problem: (error as Error).message }, 'cannot watch the supergraph file; restart to take a new one');
    }
    return {
      supergraphSdl: initial,
      cleanup: async () => {
        clearTimeout(timer);
        watcher?.close();
      },
    };
  };
}

import { Supergraph } from '@apollo/federation-internals';
import { parse, type GraphQLSchema } from 'graphql';
import { classify, type Classification } from './lint.js';

export type { Classification };

/**
 * Each field's `@privacy` classification, keyed `Type.field`, as composed into the supergraph SDL
 * (@apollo/gateway strips composed directives from its API schema, so this is where they survive):
 * the field's own, else its type's. A field without one throws, so a gateway never starts with a
 * field it cannot classify.
 */
export function classificationsFromSupergraph(supergraphSdl: string): Map<string, Classification> {
  const { classified, problems } = classify(parse(supergraphSdl));
  if (problems.length) throw new Error(`supergraph privacy classification: ${problems.join('; ')}`);
  return classified;
}

/** The API schema clients see, built from a supergraph SDL as @apollo/gateway builds it. */
export function apiSchemaOfSupergraph(supergraphSdl: string): GraphQLSchema {
  return Supergraph.build(supergraphSdl).apiSchema().toGraphQLJSSchema();
}

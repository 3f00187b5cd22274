import { SCALARS } from '@credit/schema/scalars';
import { buildASTSchema, isScalarType, isSpecifiedScalarType, parse, printSchema, type GraphQLSchema } from 'graphql';

/** The API schema's custom scalars without a parse rule in schema/src/scalars.ts: such a supergraph is not served. */
export function undeclaredScalars(schema: GraphQLSchema): string[] {
  return Object.values(schema.getTypeMap())
    .filter((type) => isScalarType(type) && !isSpecifiedScalarType(type) && !Object.hasOwn(SCALARS, type.name))
    .map((type) => type.name);
}

/**
 * A copy of the API schema whose custom scalars parse with the declared rules (schema/src/scalars.ts),
 * as the subgraphs' do: the supergraph names its scalars only, so the gateway's own schema would
 * pass "2026-13-45" on to a department. The privacy pipeline validates, coerces and checks input
 * against this copy; @apollo/gateway keeps its schema and forwards the variables as the client sent them.
 */
export function withScalarRules(api: GraphQLSchema): GraphQLSchema {
  const copy = buildASTSchema(parse(printSchema(api)), { assumeValidSDL: true });
  for (const [name, declared] of Object.entries(SCALARS)) {
    const type = copy.getType(name);
    // graphql-js builds SDL scalars with identity rules; this private copy takes the declared ones.
    if (isScalarType(type)) Object.assign(type, { parseValue: declared.parseValue, parseLiteral: declared.parseLiteral });
  }
  return copy;
}

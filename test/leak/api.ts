/**
 * What the leak test knows about the API, read from the committed supergraph only: the schema
 * clients query, each field's `@privacy` classification and the subgraphs that serve it (an
 * authorization grant's scope names subgraphs). Deliberately not the gateway's own readings, so a
 * mistake there cannot hide in the oracle too.
 */
import { Supergraph } from '@apollo/federation-internals';
import { loadSupergraphSdl } from '@credit/gateway/supergraph';
import { classificationsFromSupergraph, type Classification } from '@credit/schema/classifications';
import { Kind, parse, type ConstDirectiveNode, type GraphQLSchema } from 'graphql';

export interface LeakApi {
  schema: GraphQLSchema;
  /** By coordinate `Type.field`. */
  classifications: ReadonlyMap<string, Classification>;
  /** Subgraph names (`identity`, `records`, ...) that resolve each `Type.field`. */
  fieldGraphs: ReadonlyMap<string, ReadonlySet<string>>;
}

export function leakApi(supergraphSdl: string = loadSupergraphSdl()): LeakApi {
  return {
    schema: Supergraph.build(supergraphSdl).apiSchema().toGraphQLJSSchema(),
    classifications: classificationsFromSupergraph(supergraphSdl),
    fieldGraphs: fieldGraphs(supergraphSdl),
  };
}

function enumArgument(directive: ConstDirectiveNode, name: string): string | undefined {
  const value = directive.arguments?.find((a) => a.name.value === name)?.value;
  return value?.kind === Kind.ENUM || value?.kind === Kind.STRING ? value.value : undefined;
}

/** `@join__field(graph:)` of each field, else the `@join__type(graph:)` of its type. */
function fieldGraphs(supergraphSdl: string): Map<string, Set<string>> {
  const definitions = parse(supergraphSdl).definitions;
  const graphName = new Map<string, string>();
  for (const definition of definitions) {
    if (definition.kind !== Kind.ENUM_TYPE_DEFINITION || definition.name.value !== 'join__Graph') continue;
    for (const value of definition.values ?? []) {
      const join = value.directives?.find((d) => d.name.value === 'join__graph');
      const name = join && enumArgument(join, 'name');
      if (name) graphName.set(value.name.value, name);
    }
  }
  const graphsOf = (directives: readonly ConstDirectiveNode[] | undefined, directive: string) =>
    (directives ?? [])
      .filter((d) => d.name.value === directive)
      .map((d) => graphName.get(enumArgument(d, 'graph') ?? ''))
      .filter((name): name is string => name !== undefined);
  const result = new Map<string, Set<string>>();
  for (const definition of definitions) {
    if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION) continue;
    const typeGraphs = graphsOf(definition.directives, 'join__type');
    for (const field of definition.fields ?? []) {
      const own = graphsOf(field.directives, 'join__field');
      result.set(`${definition.name.value}.${field.name.value}`, new Set(own.length ? own : typeGraphs));
    }
  }
  return result;
}

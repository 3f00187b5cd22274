import { Kind, parse, type ConstDirectiveNode } from 'graphql';

function argument(directive: ConstDirectiveNode, name: string): string | undefined {
  const value = directive.arguments?.find((a) => a.name.value === name)?.value;
  return value && (value.kind === Kind.ENUM || value.kind === Kind.STRING) ? value.value : undefined;
}

/**
 * Which subgraphs can resolve each `Type.field`, read from the supergraph's join directives: an
 * authorization grant's scope names departments, and a field belongs to the ones that serve it.
 */
export function fieldGraphsFromSupergraph(supergraphSdl: string): Map<string, Set<string>> {
  const document = parse(supergraphSdl);
  const graphNames = new Map<string, string>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.ENUM_TYPE_DEFINITION && definition.name.value === 'join__Graph') {
      for (const value of definition.values ?? []) {
        const graph = value.directives?.find((d) => d.name.value === 'join__graph');
        const name = graph && argument(graph, 'name');
        if (name) graphNames.set(value.name.value, name);
      }
    }
  }
  const result = new Map<string, Set<string>>();
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION && definition.kind !== Kind.INTERFACE_TYPE_DEFINITION) continue;
    const typeGraphs = (definition.directives ?? [])
      .filter((d) => d.name.value === 'join__type')
      .map((d) => graphNames.get(argument(d, 'graph') ?? '') ?? '');
    for (const field of definition.fields ?? []) {
      const fieldGraphs = (field.directives ?? [])
        .filter((d) => d.name.value === 'join__field')
        .map((d) => graphNames.get(argument(d, 'graph') ?? '') ?? '');
      result.set(`${definition.name.value}.${field.name.value}`, new Set((fieldGraphs.length ? fieldGraphs : typeGraphs).filter(Boolean)));
    }
  }
  return result;
}

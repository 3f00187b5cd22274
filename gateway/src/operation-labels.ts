/**
 * The operation name that metrics, spans and the access log may carry: a trusted document's own
 * operation name (its text is the reviewed file's, sent by id or in full), `other` for anything
 * else. A client's own operationName is free text and never becomes a label.
 */
import { Kind, parse } from 'graphql';

export type OperationLabeller = (query: string, operationName: string | null) => string;

export const OTHER_OPERATION = 'other';

export function operationLabeller(documents: Iterable<string>): OperationLabeller {
  const names = new Map<string, Set<string>>();
  for (const text of documents) {
    const operations = new Set<string>();
    for (const definition of parse(text).definitions) {
      if (definition.kind === Kind.OPERATION_DEFINITION && definition.name) operations.add(definition.name.value);
    }
    names.set(text, operations);
  }
  return (query, operationName) => {
    const operations = names.get(query);
    if (!operations) return OTHER_OPERATION;
    if (operationName !== null) return operations.has(operationName) ? operationName : OTHER_OPERATION;
    return operations.size === 1 ? (operations.values().next().value ?? OTHER_OPERATION) : OTHER_OPERATION;
  };
}

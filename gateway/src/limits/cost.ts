import {
  getNamedType,
  getNullableType,
  isCompositeType,
  isInterfaceType,
  isListType,
  isObjectType,
  Kind,
  type FieldNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';
import { limitError } from './errors.js';
import { DEFAULT_PAGE_SIZE, operationVariables, requestedPageSize, type Variables } from './page-size.js';

/*
 * graphql-armor's cost rule does not know the schema: it cannot tell a list from an object, and
 * ignores `first` given through variables. This one does both. Each field costs 1; a field that
 * pages (takes `first`) multiplies its subtree by its page size, and a list field outside a page
 * by DEFAULT_PAGE_SIZE. A list directly inside a paged field (a connection's `edges`) is already
 * bounded by that page and is not multiplied again.
 */

function pageSize(field: FieldNode, definition: GraphQLField<unknown, unknown> | undefined, variables: Variables): number {
  const requested = requestedPageSize(field, variables);
  if (requested !== undefined) return Math.max(requested, 0);
  const declared = definition?.args.find((a) => a.name === 'first')?.defaultValue;
  return typeof declared === 'number' ? declared : DEFAULT_PAGE_SIZE;
}

function fieldDefinition(parent: GraphQLCompositeType | undefined, name: string) {
  return parent && (isObjectType(parent) || isInterfaceType(parent)) ? parent.getFields()[name] : undefined;
}

export function operationCost(context: ValidationContext, operation: OperationDefinitionNode, provided: Variables): number {
  const schema: GraphQLSchema = context.getSchema();
  const variables = operationVariables(operation, provided);
  // A fragment costs the same wherever it is spread (given whether it sits directly in a page), so
  // it is costed once: fragment bombs stay linear. The 0 marker breaks spread cycles (invalid anyway).
  const fragmentCosts = new Map<string, number>();

  const selectionSetCost = (set: SelectionSetNode, parent: GraphQLCompositeType | undefined, insidePage: boolean): number => {
    let cost = 0;
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        const name = selection.name.value;
        // Introspection is gated by role and sized by the schema, not by the data.
        if (name === '__schema' || name === '__type') continue;
        if (!selection.selectionSet) {
          cost += 1;
          continue;
        }
        const definition = fieldDefinition(parent, name);
        const type = definition ? getNamedType(definition.type) : undefined;
        const pages = definition ? definition.args.some((a) => a.name === 'first') : selection.arguments?.some((a) => a.name.value === 'first');
        const isList = definition !== undefined && isListType(getNullableType(definition.type));
        const weight = pages ? pageSize(selection, definition, variables) : isList && !insidePage ? DEFAULT_PAGE_SIZE : 1;
        const child = type && isCompositeType(type) ? type : undefined;
        cost += weight * (1 + selectionSetCost(selection.selectionSet, child, pages === true));
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const condition = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parent;
        cost += selectionSetCost(selection.selectionSet, condition && isCompositeType(condition) ? condition : undefined, insidePage);
      } else {
        const key = `${selection.name.value}:${insidePage}`;
        const known = fragmentCosts.get(key);
        if (known !== undefined) {
          cost += known;
          continue;
        }
        const fragment = context.getFragment(selection.name.value);
        if (!fragment) continue;
        fragmentCosts.set(key, 0);
        const condition = schema.getType(fragment.typeCondition.name.value);
        const fragmentCost = selectionSetCost(fragment.selectionSet, condition && isCompositeType(condition) ? condition : undefined, insidePage);
        fragmentCosts.set(key, fragmentCost);
        cost += fragmentCost;
      }
    }
    return cost;
  };

  const root = schema.getRootType(operation.operation) ?? undefined;
  return selectionSetCost(operation.selectionSet, root, false);
}

/** QUERY_TOO_COSTLY for each operation whose cost exceeds maxCost. */
export function costLimitRule(maxCost: number, provided: Variables): ValidationRule {
  return (context) => ({
    OperationDefinition(operation) {
      const cost = operationCost(context, operation, provided);
      if (cost > maxCost) {
        context.reportError(
          limitError('QUERY_TOO_COSTLY', `Query cost limit of ${maxCost} exceeded, found ${cost}.`, { maxCost, cost }, operation),
        );
      }
    },
  });
}

import type { Classification } from '@credit/schema/classifications';
import type { Role } from '@credit/schema';
import {
  BREAK,
  buildASTSchema,
  Kind,
  parse,
  printSchema,
  visit,
  type DocumentNode,
  type FieldDefinitionNode,
  type GraphQLError,
  type GraphQLSchema,
  type InterfaceTypeDefinitionNode,
  type ObjectTypeDefinitionNode,
} from 'graphql';
import { limitError } from './errors.js';

/** DESIGN §5: the schema is not shown to the public or to citizens. */
export function isIntrospectionAllowed(role: Role): boolean {
  return role !== 'PUBLIC' && role !== 'CITIZEN';
}

/** Asks for the schema anywhere, fragments included; `__typename` alone is not introspection. */
const introspects = new WeakMap<DocumentNode, boolean>();

/** Whether the document asks for `__schema` or `__type`; remembered per document (the privacy engine hands out one per operation). */
export function isIntrospectionQuery(document: DocumentNode): boolean {
  let known = introspects.get(document);
  if (known === undefined) introspects.set(document, (known = findsIntrospection(document)));
  return known;
}

function findsIntrospection(document: DocumentNode): boolean {
  let found = false;
  visit(document, {
    Field(field) {
      if (field.name.value === '__schema' || field.name.value === '__type') {
        found = true;
        return BREAK;
      }
      return undefined;
    },
  });
  return found;
}

/** INTROSPECTION_DISABLED when this role may not see the schema and the document asks for it. */
export function checkIntrospection(document: DocumentNode, role: Role): GraphQLError | undefined {
  if (isIntrospectionAllowed(role) || !isIntrospectionQuery(document)) return undefined;
  return limitError('INTROSPECTION_DISABLED', `Introspection is not available to ${role} callers.`);
}

export const privacyTag = ({ level, mask }: Classification) => `[PRIVACY: ${level}, mask ${mask}]`;

/**
 * The API schema as staff see it in introspection: each classified field's description starts with
 * its level and mask. Rebuilt from printed SDL, so it is for answering introspection, not for
 * executing data (its scalars are plain); build it once per supergraph.
 */
export function annotateSchemaWithPrivacy(
  apiSchema: GraphQLSchema,
  classifications: ReadonlyMap<string, Classification>,
): GraphQLSchema {
  const annotate = <T extends ObjectTypeDefinitionNode | InterfaceTypeDefinitionNode>(type: T): T => ({
    ...type,
    fields: type.fields?.map((field): FieldDefinitionNode => {
      const classification = classifications.get(`${type.name.value}.${field.name.value}`);
      if (!classification) return field;
      const text = field.description ? `${privacyTag(classification)}\n${field.description.value}` : privacyTag(classification);
      return { ...field, description: { kind: Kind.STRING, value: text, block: true } };
    }),
  });
  const document = visit(parse(printSchema(apiSchema)), {
    ObjectTypeDefinition: annotate,
    InterfaceTypeDefinition: annotate,
  });
  return buildASTSchema(document);
}

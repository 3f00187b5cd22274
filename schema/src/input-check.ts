/**
 * What every argument of every operation must be before anything runs, declared once and checked
 * twice: by the gateway over what the client sent, and by every subgraph over what it is sent
 * (kit), so a request straight to a subgraph meets the same rules. Variables are coerced with the
 * schema's own scalar rules (scalars.ts), each refusal keeping its scalar's reason; then every
 * String and ID value, in literals and variables, nested in inputs and lists, is checked as text.
 */
import {
  getArgumentValues,
  getNamedType,
  getNullableType,
  getVariableValues,
  GraphQLError,
  isInputObjectType,
  isListType,
  Kind,
  TypeInfo,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type GraphQLInputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';

/**
 * The longest text any argument may hold, before any department's own limit per field (a summary
 * 2,000 characters, a name 50): a bound on what a request makes the services hold, log and compare.
 * IDs are UUIDs, report numbers or principals' names; no legitimate one comes near 200.
 */
export const TEXT_LIMITS = { String: 10_000, ID: 200 } as const;

/**
 * Characters no text argument may hold: NUL (PostgreSQL refuses it in text), the other C0 controls
 * but tab, line feed and carriage return (invisible, and they break the PDF report and the CSV
 * exports that print this text), and UTF-16 surrogates that are not part of a pair (not Unicode,
 * so no UTF-8 database can store them). Direction marks, combining characters, emoji and
 * full-width forms are text and pass.
 */
const NOT_TEXT = /[\u0000-\u0008\u000B\u000C\u000E-\u001F]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Variable errors reported before the rest is left unchecked (graphql-js reports every one by default). */
export const MAX_ERRORS = 20;

export type TextRefusal = 'INVALID_TEXT' | 'TOO_LONG';

export function textRefusal(value: string, scalar: keyof typeof TEXT_LIMITS): TextRefusal | undefined {
  if (value.length > TEXT_LIMITS[scalar]) return 'TOO_LONG';
  return NOT_TEXT.test(value) ? 'INVALID_TEXT' : undefined;
}

const REFUSAL_TEXT: Record<TextRefusal, (field: string, scalar: keyof typeof TEXT_LIMITS) => string> = {
  INVALID_TEXT: (field) => `${field} holds a character that is not text (NUL, a control character or an unpaired surrogate)`,
  TOO_LONG: (field, scalar) => `${field} is longer than ${TEXT_LIMITS[scalar]} characters`,
};

const isTextScalar = (name: string): name is keyof typeof TEXT_LIMITS => Object.hasOwn(TEXT_LIMITS, name);

/** The first text problem in `value` of `type`, with the name of the argument or input field holding it. */
function textProblem(value: unknown, type: GraphQLInputType, field: string): GraphQLError | undefined {
  if (value === null || value === undefined) return undefined;
  const nullable = getNullableType(type);
  if (isListType(nullable)) {
    for (const item of value as unknown[]) {
      const problem = textProblem(item, nullable.ofType, field);
      if (problem) return problem;
    }
    return undefined;
  }
  if (isInputObjectType(nullable)) {
    for (const [name, definition] of Object.entries(nullable.getFields())) {
      const problem = textProblem((value as Record<string, unknown>)[name], definition.type, name);
      if (problem) return problem;
    }
    return undefined;
  }
  const scalar = getNamedType(nullable).name;
  if (!isTextScalar(scalar) || typeof value !== 'string') return undefined;
  const reason = textRefusal(value, scalar);
  return reason && new GraphQLError(REFUSAL_TEXT[reason](field, scalar), { extensions: { code: 'BAD_USER_INPUT', reason, field, ...(reason === 'TOO_LONG' ? { limit: TEXT_LIMITS[scalar] } : {}) } });
}

/** A coercion refusal as BAD_USER_INPUT, with the reason its scalar gave (INVALID_DATE) when it gave one. */
function coercionError(error: GraphQLError): GraphQLError {
  const reason = error.originalError instanceof GraphQLError ? error.originalError.extensions.reason : undefined;
  return new GraphQLError(error.message, { extensions: { code: 'BAD_USER_INPUT', ...(reason ? { reason } : {}) } });
}

interface ArgumentSite {
  definition: Parameters<typeof getArgumentValues>[0];
  node: Parameters<typeof getArgumentValues>[1];
}

/** Per document (the gateway's and Apollo's parse caches hand out the same object for the same text), its sites. */
const sitesOf = new WeakMap<DocumentNode, { schema: GraphQLSchema; operation: OperationDefinitionNode; sites: ArgumentSite[] }>();

/**
 * The fields and directives of an operation that take arguments, with their definitions: found
 * once per document and schema with a typed walk, so a request only coerces and checks values.
 */
function argumentSites(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode): ArgumentSite[] {
  const known = sitesOf.get(document);
  if (known && known.schema === schema && known.operation === operation) return known.sites;
  const sites: ArgumentSite[] = [];
  const typeInfo = new TypeInfo(schema);
  // The operation and the fragments, each where it is defined: that covers every spread once.
  visit(
    { kind: Kind.DOCUMENT, definitions: document.definitions.filter((d) => d === operation || d.kind === Kind.FRAGMENT_DEFINITION) },
    visitWithTypeInfo(typeInfo, {
      Field: (node) => {
        const definition = typeInfo.getFieldDef();
        if (definition && node.arguments?.length) sites.push({ definition, node });
      },
      Directive: (node) => {
        const definition = typeInfo.getDirective();
        if (definition && node.arguments?.length) sites.push({ definition, node });
      },
    }),
  );
  sitesOf.set(document, { schema, operation, sites });
  return sites;
}

/**
 * The operation's input problems: variables that do not coerce, then the first text refusal of
 * each field or directive. Empty when the input may go on. A document without the named
 * operation has none here (validation and planning answer that).
 */
export function inputProblems(schema: GraphQLSchema, document: DocumentNode, operationName: string | null | undefined, variables: Record<string, unknown>): GraphQLError[] {
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  const operation = operationName ? operations.find((o) => o.name?.value === operationName) : operations.length === 1 ? operations[0] : undefined;
  if (!operation) return [];
  // A bound on the errors, or a list of 5,000 wrong items would be answered with 5,000 errors.
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables, { maxErrors: MAX_ERRORS });
  if (coerced.errors) return coerced.errors.map(coercionError);
  const problems: GraphQLError[] = [];
  for (const { definition, node } of argumentSites(schema, document, operation)) {
    let values: Record<string, unknown>;
    try {
      values = getArgumentValues(definition, node, coerced.coerced);
    } catch (error) {
      // A literal that does not coerce: validation refuses it with its own reason.
      if (error instanceof GraphQLError) problems.push(coercionError(error));
      continue;
    }
    for (const arg of definition.args) {
      const problem = textProblem(values[arg.name], arg.type, arg.name);
      if (problem) problems.push(problem);
    }
  }
  return problems;
}

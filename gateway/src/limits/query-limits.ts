import { ApolloArmor } from '@escape.tech/graphql-armor';
import { Kind, Lexer, Source, TokenKind, validate, visit, type DocumentNode, type GraphQLError, type GraphQLSchema, type ValidationContext } from 'graphql';
import { costLimitRule } from './cost.js';
import { positiveIntFromEnv } from './env.js';
import { limitError, type LimitCode } from './errors.js';
import { checkPageSizes, type Variables } from './page-size.js';

/** Analyst limits of DESIGN §5, applied to the operation a client sent, before execution. */
export interface QueryLimits {
  maxDepth: number;
  maxAliases: number;
  maxTokens: number;
  maxCost: number;
  maxPageSize: number;
}

export const DEFAULT_QUERY_LIMITS: Readonly<QueryLimits> = {
  maxDepth: 10,
  maxAliases: 15,
  maxTokens: 2000,
  maxCost: 5000,
  maxPageSize: 100,
};

export const QUERY_LIMITS_ENV: Readonly<Record<keyof QueryLimits, string>> = {
  maxDepth: 'QUERY_MAX_DEPTH',
  maxAliases: 'QUERY_MAX_ALIASES',
  maxTokens: 'QUERY_MAX_TOKENS',
  maxCost: 'QUERY_MAX_COST',
  maxPageSize: 'QUERY_MAX_PAGE_SIZE',
};

export function queryLimitsFromEnv(env: NodeJS.ProcessEnv = process.env): QueryLimits {
  const limits = { ...DEFAULT_QUERY_LIMITS };
  for (const key of Object.keys(QUERY_LIMITS_ENV) as (keyof QueryLimits)[]) {
    limits[key] = positiveIntFromEnv(env, QUERY_LIMITS_ENV[key], DEFAULT_QUERY_LIMITS[key]);
  }
  return limits;
}

/** Counts lexical tokens up to one past the limit; a syntax error is the parser's to report. */
function tokensBeyond(source: string, maxTokens: number): number {
  const lexer = new Lexer(new Source(source));
  let count = 0;
  try {
    while (count <= maxTokens && lexer.advance().kind !== TokenKind.EOF) count++;
  } catch {
    // not a document: parsing refuses it with its own error
  }
  return count;
}

/** QUERY_TOO_LARGE when the text has more than maxTokens tokens; cheap enough to run before parsing. */
export function checkTokens(source: string, limits: QueryLimits = DEFAULT_QUERY_LIMITS): GraphQLError | undefined {
  if (tokensBeyond(source, limits.maxTokens) <= limits.maxTokens) return undefined;
  return limitError('QUERY_TOO_LARGE', `Token limit of ${limits.maxTokens} exceeded.`, { maxTokens: limits.maxTokens });
}

/** graphql-armor reports through callbacks; these turn its rejections into our codes. */
function armorRules(limits: QueryLimits) {
  const reject = (code: LimitCode, limit: Record<string, number>) => ({
    propagateOnRejection: false,
    onReject: [
      (context: ValidationContext | null, error: GraphQLError) =>
        context?.reportError(limitError(code, error.message.replace(/^Syntax Error: /, ''), limit)),
    ],
  });
  const config: ConstructorParameters<typeof ApolloArmor>[0] = {
    maxDepth: { n: limits.maxDepth, flattenFragments: true, ignoreIntrospection: true, ...reject('QUERY_TOO_DEEP', { maxDepth: limits.maxDepth }) },
    maxAliases: { n: limits.maxAliases, ...reject('TOO_MANY_ALIASES', { maxAliases: limits.maxAliases }) },
    // Tokens are counted on the source (checkTokens) and cost needs the schema (cost.ts).
    maxTokens: { enabled: false },
    costLimit: { enabled: false },
    maxDirectives: { enabled: false },
    blockFieldSuggestion: { enabled: false },
  };
  return new ApolloArmor(config).protect().validationRules;
}

/**
 * Every analyst-limit error of one request: QUERY_TOO_LARGE alone (the rest is not worth
 * computing), else QUERY_TOO_DEEP, TOO_MANY_ALIASES, QUERY_TOO_COSTLY and PAGE_TOO_LARGE.
 * `variables` are the request's; `first` through a variable is checked with its value.
 */
export function checkQueryLimits(
  document: DocumentNode,
  schema: GraphQLSchema,
  source: string,
  variables: Variables | null = null,
  limits: QueryLimits = DEFAULT_QUERY_LIMITS,
): GraphQLError[] {
  const tooLarge = checkTokens(source, limits);
  if (tooLarge) return [tooLarge];
  const provided = variables ?? {};
  const rules = [...armorRules(limits), costLimitRule(limits.maxCost, provided)];
  return [...validate(schema, document, rules), ...checkPageSizes(document, provided, limits.maxPageSize)];
}

/** Names of the variables given directly as a `first` argument: the only ones the limits read. */
function pageVariables(document: DocumentNode): string[] {
  const names = new Set<string>();
  visit(document, {
    Argument(argument) {
      if (argument.name.value === 'first' && argument.value.kind === Kind.VARIABLE) names.add(argument.value.name.value);
    },
  });
  return [...names];
}

interface DocumentVerdicts {
  pageVariables: string[];
  byPageValues: Map<string, GraphQLError[]>;
}

/** Verdicts kept per document; values of `first` beyond this many start the document's list afresh. */
const MAX_VERDICTS_PER_DOCUMENT = 64;

export type QueryLimitsCheck = typeof checkQueryLimits;

/**
 * `checkQueryLimits`, remembered per parsed document (the privacy engine hands out one per
 * operation and caller policy), schema, limits and the values of the variables given as `first`:
 * nothing else the check reads can change between two requests with the same document. A
 * dashboard's document is checked once instead of on every request (6.7 % of the gateway's busy
 * time on person-lookup).
 */
export function createQueryLimitsCheck(): QueryLimitsCheck {
  const verdicts = new WeakMap<GraphQLSchema, WeakMap<QueryLimits, WeakMap<DocumentNode, DocumentVerdicts>>>();
  return (document, schema, source, variables = null, limits = DEFAULT_QUERY_LIMITS) => {
    let bySchema = verdicts.get(schema);
    if (!bySchema) verdicts.set(schema, (bySchema = new WeakMap()));
    let byLimits = bySchema.get(limits);
    if (!byLimits) bySchema.set(limits, (byLimits = new WeakMap()));
    let known = byLimits.get(document);
    if (!known) byLimits.set(document, (known = { pageVariables: pageVariables(document), byPageValues: new Map() }));
    const provided = variables ?? {};
    const key = JSON.stringify(known.pageVariables.map((name) => (name in provided ? [provided[name]] : [])));
    const cached = known.byPageValues.get(key);
    if (cached) return cached;
    const errors = checkQueryLimits(document, schema, source, variables, limits);
    if (known.byPageValues.size >= MAX_VERDICTS_PER_DOCUMENT) known.byPageValues.clear();
    known.byPageValues.set(key, errors);
    return errors;
  };
}

/**
 * Administrative staff's cost limit (`QUERY_MAX_COST_STAFF`): a dashboard's unified view of 50
 * persons costs about 100,000 in this model, which the analysts' limit of 5,000 would refuse.
 */
export const DEFAULT_STAFF_MAX_COST = 250_000;

export function staffMaxCostFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  return positiveIntFromEnv(env, 'QUERY_MAX_COST_STAFF', DEFAULT_STAFF_MAX_COST);
}

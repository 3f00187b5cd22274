import { ApolloArmor } from '@escape.tech/graphql-armor';
import { Lexer, Source, TokenKind, validate, type DocumentNode, type GraphQLError, type GraphQLSchema, type ValidationContext } from 'graphql';
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

/**
 * Administrative staff's cost limit (`QUERY_MAX_COST_STAFF`): a dashboard's unified view of 50
 * persons costs about 100,000 in this model, which the analysts' limit of 5,000 would refuse.
 */
export const DEFAULT_STAFF_MAX_COST = 250_000;

export function staffMaxCostFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  return positiveIntFromEnv(env, 'QUERY_MAX_COST_STAFF', DEFAULT_STAFF_MAX_COST);
}

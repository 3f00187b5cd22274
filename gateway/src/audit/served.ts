import { RemoteGraphQLDataSource } from '@apollo/gateway';
import { SERVED_BY_ENTITY_EXTENSION, SERVED_PERSONS_EXTENSION } from '@credit/kit/infra/served-persons';
import { GraphQLError } from 'graphql';

type ProcessOptions<TContext extends AuditContext> = Parameters<RemoteGraphQLDataSource<TContext>['process']>[0];
type ReceivedResponse = Parameters<NonNullable<RemoteGraphQLDataSource['didReceiveResponse']>>[0]['response'];
type FailedResponse = Parameters<RemoteGraphQLDataSource['errorFromResponse']>[0];

/** The part of the gateway's request context the query log reads. */
export interface AuditContext {
  audit: {
    /** Persons whose PERSONAL or SENSITIVE data the subgraphs served for this request. */
    servedPersons: Set<string>;
  };
}

export function newAuditState(): AuditContext['audit'] {
  return { servedPersons: new Set() };
}

function isIdList(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((id) => typeof id === 'string');
}

/**
 * A subgraph data source that takes the subgraph's `extensions.servedPersons` into the request's
 * audit state and off the response, so the ids never reach the client. An answer whose report
 * cannot be recorded is refused (thrown), which drops that subgraph's data from the answer.
 */
export class AuditingDataSource<TContext extends AuditContext = AuditContext> extends RemoteGraphQLDataSource<TContext> {
  /** Plan warm-up (plan-warmup.ts) asks nothing of the subgraph: no data is read, none is logged. */
  override process(options: ProcessOptions<TContext>): ReturnType<RemoteGraphQLDataSource<TContext>['process']> {
    if ((options.context as { planOnly?: boolean }).planOnly) return Promise.resolve({});
    return super.process(options);
  }

  /**
   * A subgraph that refuses the request it was sent (HTTP 4xx: a variable it could not coerce) is
   * refusing the client's input, not failing: its first error's code and reason reach the client,
   * BAD_REQUEST when it gave none, never INTERNAL_SERVER_ERROR. The subgraph's URL and raw body,
   * which @apollo/gateway would attach, do not. A 5xx stays the gateway's error.
   */
  override async errorFromResponse(response: FailedResponse): Promise<GraphQLError> {
    const error = await super.errorFromResponse(response);
    if (response.status < 400 || response.status >= 500) return error;
    const body = (error.extensions.response as { body?: unknown } | undefined)?.body;
    const first = (body as { errors?: { message?: unknown; extensions?: Record<string, unknown> }[] } | undefined)?.errors?.[0];
    const code = typeof first?.extensions?.code === 'string' ? first.extensions.code : 'BAD_REQUEST';
    const reason = first?.extensions?.reason;
    return new GraphQLError(typeof first?.message === 'string' ? first.message : `The department refused the request (HTTP ${response.status})`, {
      extensions: { code, ...(typeof reason === 'string' ? { reason } : {}) },
    });
  }

  override didReceiveResponse({ response, context }: { response: ReceivedResponse; context: TContext }): ReceivedResponse {
    if (!response.extensions || !(SERVED_PERSONS_EXTENSION in response.extensions)) return response;
    const { [SERVED_PERSONS_EXTENSION]: served, [SERVED_BY_ENTITY_EXTENSION]: _byEntity, ...extensions } = response.extensions;
    if (!isIdList(served)) throw new Error(`malformed ${SERVED_PERSONS_EXTENSION} from subgraph ${this.url}`);
    const audit = (context as Partial<AuditContext>).audit;
    if (!audit) throw new Error('a subgraph served personal data to a request without audit state');
    for (const id of served) audit.servedPersons.add(id);
    return { ...response, extensions: Object.keys(extensions).length ? extensions : undefined };
  }
}

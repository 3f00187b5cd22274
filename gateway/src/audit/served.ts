import { RemoteGraphQLDataSource } from '@apollo/gateway';
import { SERVED_PERSONS_EXTENSION } from '@credit/kit/served-persons';

type ProcessOptions<TContext extends AuditContext> = Parameters<RemoteGraphQLDataSource<TContext>['process']>[0];
type ReceivedResponse = Parameters<NonNullable<RemoteGraphQLDataSource['didReceiveResponse']>>[0]['response'];

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

  override didReceiveResponse({ response, context }: { response: ReceivedResponse; context: TContext }): ReceivedResponse {
    if (!response.extensions || !(SERVED_PERSONS_EXTENSION in response.extensions)) return response;
    const { [SERVED_PERSONS_EXTENSION]: served, ...extensions } = response.extensions;
    if (!isIdList(served)) throw new Error(`malformed ${SERVED_PERSONS_EXTENSION} from subgraph ${this.url}`);
    const audit = (context as Partial<AuditContext>).audit;
    if (!audit) throw new Error('a subgraph served personal data to a request without audit state');
    for (const id of served) audit.servedPersons.add(id);
    return { ...response, extensions: Object.keys(extensions).length ? extensions : undefined };
  }
}

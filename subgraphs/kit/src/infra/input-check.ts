import { HeaderMap, type ApolloServerPlugin, type BaseContext } from '@apollo/server';
import { inputProblems } from '@credit/schema/input-check';

/**
 * The schema package's input rules (schema/src/input-check.ts) in a subgraph, after validation and
 * before any resolver: a refusal is answered HTTP 200 with BAD_USER_INPUT and its reason, like
 * any refusal a resolver gives, so the gateway passes it on as it is.
 */
export function inputCheckPlugin<Ctx extends BaseContext>(): ApolloServerPlugin<Ctx> {
  return {
    async requestDidStart() {
      return {
        async responseForOperation({ schema, document, operationName, request }) {
          const problems = inputProblems(schema, document, operationName, request.variables ?? {});
          if (!problems.length) return null;
          return {
            http: { status: 200, headers: new HeaderMap() },
            body: { kind: 'single', singleResult: { errors: problems.map((e) => e.toJSON()) } },
          };
        },
      };
    },
  };
}

// Resolver types from schema.graphql (npm run codegen); the shape every department's codegen.ts has.
import { resolverCodegen } from '@credit/schema/resolver-codegen';

export default resolverCodegen(import.meta.url, {
  Person: 'db/schema.js#PersonRow',
  AuthorizationGrant: 'db/schema.js#GrantRow',
  RealNameRegistration: 'db/schema.js#RegistrationRow',
});

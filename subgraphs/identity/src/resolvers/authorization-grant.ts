import { grantStatus } from '../grant-rules.js';
import type { AuthorizationGrantResolvers } from '../generated/resolvers.js';

export const AuthorizationGrant: AuthorizationGrantResolvers = {
  person: (grant, _args, ctx) => ctx.loaders.personById.load(grant.personId),
  status: (grant, _args, ctx) => grantStatus(grant, ctx.clock.now()),
};

import type { Context } from '../context.js';
import { grantStatus } from '../grant-rules.js';
import type { GrantRow } from '../loaders.js';

export const AuthorizationGrant = {
  person: (grant: GrantRow, _args: unknown, ctx: Context) => ctx.loaders.personById.load(grant.personId),
  status: (grant: GrantRow, _args: unknown, ctx: Context) => grantStatus(grant, ctx.clock.now()),
};

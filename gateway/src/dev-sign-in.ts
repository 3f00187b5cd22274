/**
 * The console's demo sign-in, only while the gateway verifies with its generated dev secret (no
 * JWT_SECRET, JWKS or public key configured): `GET /auth/config` says whether it is on and lists
 * demo personas (the demo data set's persons and authorities, synthetic); `POST /auth/dev-token`
 * signs a short-lived token for the role, department and person picked. With an organisation's
 * issuer configured both say sign-in is off and the console takes that issuer's token instead.
 */
import type { IncomingMessage } from 'node:http';
import { DEMO_DATASET, syntheticDataset, type JsonReply, type Route } from '@credit/kit';
import type { AuthConfig } from './auth.js';
import { DevTokenError, signDevToken } from './dev-token.js';

const PERSONAS = 12;

function personas() {
  const slices = [...syntheticDataset({ ...DEMO_DATASET, persons: Math.min(DEMO_DATASET.persons, 60) })];
  const withRecords = slices.filter((s) => s.records.length > 0).slice(0, PERSONAS);
  return {
    persons: withRecords.map((s) => ({ id: s.person.id, name: s.person.name })),
    departments: [...new Set(slices.flatMap((s) => s.records.map((r) => r.determiningAuthority)))].sort().slice(0, 20),
  };
}

export function createDevSignIn(config: AuthConfig): { config: Route; token: Route } {
  const enabled = config.key.kind === 'secret' && config.key.source === 'dev';
  let listed: ReturnType<typeof personas> | undefined;
  return {
    config: async () => ({ status: 200, body: enabled ? { devSignIn: true, ...(listed ??= personas()) } : { devSignIn: false } }),
    token: async (req: IncomingMessage, body: Buffer): Promise<JsonReply> => {
      if (!enabled) return { status: 404, body: { error: 'NOT_FOUND' } };
      if (req.method !== 'POST') return { status: 405, body: { error: 'METHOD_NOT_ALLOWED' }, headers: { allow: 'POST' } };
      let request: { role?: unknown; department?: unknown; personId?: unknown };
      try {
        request = JSON.parse(body.toString('utf8')) as typeof request;
      } catch {
        return { status: 400, body: { error: 'BAD_REQUEST', message: 'Send JSON: { role, department?, personId? }' } };
      }
      const text = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : undefined);
      try {
        const token = await signDevToken(config, {
          role: String(request.role ?? ''),
          department: text(request.department),
          personId: text(request.personId),
          sub: request.personId ? undefined : `console-${String(request.role).toLowerCase()}${text(request.department) ? `-${text(request.department)}` : ''}`,
          ttl: '8h',
        });
        return { status: 200, body: { token }, headers: { 'cache-control': 'no-store' } };
      } catch (error) {
        if (error instanceof DevTokenError) return { status: 400, body: { error: 'BAD_REQUEST', message: error.message } };
        throw error;
      }
    },
  };
}

/**
 * The gateway's `/internal/events`: the departments tell it of every event batch they applied
 * (kit applied-notice.ts), signed with the shared key. Each event drops the cache entries tagged
 * with any id in it (a record's, its subject's, a grant's person's); an event naming no id (the
 * score rules, which every integrity score reads) drops everything.
 */
import { SIGNATURE_HEADER, SignatureVerifier, signatureRefusal, type Route, type SigningKey } from '@credit/kit';
import { idsIn } from './fetcher.js';

export function eventsRoute(key: SigningKey, invalidate: (ids: Iterable<string> | 'all') => Promise<void>): Route {
  const verifier = new SignatureVerifier(key);
  return async (req, body) => {
    if (req.method !== 'POST') return { status: 405, body: { error: 'METHOD_NOT_ALLOWED' } };
    const one = (name: string) => {
      const value = req.headers[name];
      return Array.isArray(value) ? value.join(', ') : value;
    };
    const verdict = verifier.verify(one(SIGNATURE_HEADER), { method: 'POST', path: req.url ?? '/', header: one, body });
    if (!verdict.ok) return signatureRefusal(verdict.reason);
    let events: unknown;
    try {
      events = (JSON.parse(body.toString('utf8')) as { events?: unknown }).events;
    } catch {
      return { status: 400, body: { error: 'BAD_EVENT', message: 'the body is not JSON' } };
    }
    if (!Array.isArray(events)) return { status: 400, body: { error: 'BAD_EVENT', message: 'events must be a list' } };
    const ids = new Set<string>();
    let everything = false;
    for (const event of events as { payload?: unknown }[]) {
      const named = idsIn(JSON.stringify(event?.payload ?? null));
      if (named.length === 0) everything = true;
      for (const id of named) ids.add(id);
    }
    await invalidate(everything ? 'all' : ids);
    return { status: 200, body: { events: events.length } };
  };
}

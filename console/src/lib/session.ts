/**
 * Who is signed in: the token, the role it carries and the purpose chosen. Kept in sessionStorage
 * only (gone with the tab), never in a URL, never logged.
 */
import { useSyncExternalStore } from 'react';
import type { Purpose, Role } from '../gql/graphql';
import { DEFAULT_PURPOSES, POLICY } from '../generated/policy';

export interface Session {
  token: string;
  role: Exclude<Role, 'PUBLIC'>;
  purpose: Purpose;
  department?: string;
  personId?: string;
  /** What to call the caller in the header (a persona's name, the department). */
  display?: string;
  /** Token expiry, seconds since the epoch. */
  exp?: number;
}

const KEY = 'credit-console-session';
const listeners = new Set<() => void>();
let cached: { raw: string | null; session: Session | null } = { raw: null, session: null };

function read(): Session | null {
  let raw: string | null = null;
  try {
    raw = sessionStorage.getItem(KEY);
  } catch {
    raw = null;
  }
  if (raw === cached.raw) return cached.session;
  let session: Session | null = null;
  try {
    session = raw ? (JSON.parse(raw) as Session) : null;
  } catch {
    session = null;
  }
  if (session?.exp && session.exp * 1000 < Date.now()) session = null;
  cached = { raw, session };
  return session;
}

function notify() {
  for (const listener of listeners) listener();
}

export function getSession(): Session | null {
  return read();
}

export function setSession(session: Session | null): void {
  try {
    if (session) sessionStorage.setItem(KEY, JSON.stringify(session));
    else sessionStorage.removeItem(KEY);
  } catch {
    // storage refused: the session lasts until reload
  }
  notify();
}

export function setPurpose(purpose: Purpose): void {
  const session = read();
  if (session) setSession({ ...session, purpose });
}

export function useSession(): Session | null {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    read,
    () => null,
  );
}

/** The purposes a role may declare, its default first. */
export function purposesOf(role: Role): Purpose[] {
  const purposes = Object.keys(POLICY[role] ?? {}) as Purpose[];
  const fallback = DEFAULT_PURPOSES[role];
  return fallback ? [fallback, ...purposes.filter((p) => p !== fallback)] : purposes;
}

/** The claims of a JWT, read without verifying (the gateway verifies): to know the role of a pasted token. */
export function readClaims(token: string): { role?: string; sub?: string; department?: string; personId?: string; exp?: number } | null {
  const part = token.split('.')[1];
  if (!part) return null;
  try {
    const json = atob(part.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(part.length / 4) * 4, '='));
    const bytes = Uint8Array.from(json, (c) => c.charCodeAt(0));
    return JSON.parse(new TextDecoder().decode(bytes)) as ReturnType<typeof readClaims>;
  } catch {
    return null;
  }
}

/**
 * A few routes on the History API (the gateway answers every extension-less path with
 * index.html). Routes carry no personal data and no token: the person a reviewer looks at stays in
 * memory, never in the address bar, history or server logs.
 */
import { useSyncExternalStore } from 'react';

export type RouteName = 'disclosure' | 'signin' | 'staff' | 'trends' | 'me' | 'ide';

export const PATHS: Record<RouteName, string> = {
  disclosure: '/',
  signin: '/sign-in',
  staff: '/staff',
  trends: '/trends',
  me: '/me',
  ide: '/ide',
};

const listeners = new Set<() => void>();
window.addEventListener('popstate', () => listeners.forEach((l) => l()));

export function navigate(route: RouteName): void {
  const path = PATHS[route];
  if (location.pathname !== path) history.pushState(null, '', path);
  listeners.forEach((l) => l());
  window.scrollTo(0, 0);
}

export function routeOf(pathname: string): RouteName {
  const entry = (Object.entries(PATHS) as [RouteName, string][]).find(([, path]) => path === pathname.replace(/\/+$/, '') || (path === '/' && pathname === '/'));
  return entry?.[0] ?? 'disclosure';
}

export function useRoute(): RouteName {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => routeOf(location.pathname),
  );
}

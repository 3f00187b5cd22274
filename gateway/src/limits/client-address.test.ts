import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { createClientAddress, parseTrustedProxies, trustedProxiesFromEnv } from './client-address.js';

const request = (socket: string, forwardedFor?: string | string[]) =>
  ({ socket: { remoteAddress: socket }, headers: forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor } }) as unknown as IncomingMessage;

describe('the public caller behind proxies (TRUSTED_PROXIES)', () => {
  it('without trusted proxies takes the socket address and ignores X-Forwarded-For', () => {
    const address = createClientAddress(undefined);
    expect(address(request('203.0.113.9', '198.51.100.1'))).toBe('203.0.113.9');
    expect(address(request('::ffff:203.0.113.9'))).toBe('203.0.113.9');
  });

  it('ignores X-Forwarded-For from a socket that is not a trusted proxy', () => {
    const address = createClientAddress('10.0.0.0/8');
    expect(address(request('203.0.113.9', '198.51.100.1'))).toBe('203.0.113.9');
  });

  it('from a trusted proxy takes the right-most address that is not a trusted proxy', () => {
    const address = createClientAddress('10.0.0.0/8, 192.168.1.5');
    // The caller sent a forged first hop; the ingress (10.0.0.2) appended what it saw, then the inner proxy.
    expect(address(request('192.168.1.5', '1.2.3.4, 198.51.100.7, 10.0.0.2'))).toBe('198.51.100.7');
    expect(address(request('::ffff:10.1.2.3', '198.51.100.7'))).toBe('198.51.100.7');
    // Several header lines are one list.
    expect(address(request('10.0.0.1', ['1.2.3.4', '198.51.100.8']))).toBe('198.51.100.8');
  });

  it('falls back to the nearest trusted hop when the header is missing or not an address', () => {
    const address = createClientAddress('10.0.0.0/8');
    expect(address(request('10.0.0.1'))).toBe('10.0.0.1');
    expect(address(request('10.0.0.1', 'unknown, 10.0.0.3'))).toBe('10.0.0.3');
    expect(address(request('10.0.0.1', '10.0.0.4, 10.0.0.3'))).toBe('10.0.0.4');
  });

  it('understands IPv6 addresses and blocks', () => {
    const address = createClientAddress('::1, fd00::/8');
    expect(address(request('::1', '2001:db8::7, fd00::1'))).toBe('2001:db8::7');
    expect(parseTrustedProxies('fd00::/8')('fd12::1')).toBe(true);
    expect(parseTrustedProxies('fd00::/8')('10.0.0.1')).toBe(false);
  });

  it('refuses a list entry that is neither an IP nor a CIDR', () => {
    for (const bad of ['10.0.0.0/33', 'proxy.local', '10.0.0.1/8/1', '::1/129', '10.0.0.0/x']) {
      expect(() => parseTrustedProxies(bad)).toThrow(/TRUSTED_PROXIES/);
    }
    expect(trustedProxiesFromEnv({})).toBeUndefined();
    expect(trustedProxiesFromEnv({ TRUSTED_PROXIES: ' 10.0.0.0/8 ' })).toBe('10.0.0.0/8');
  });
});

/**
 * Who the public caller is, for the per-client rate limit (issue 14, point 4). Behind an ingress
 * every request comes from the proxy's socket, so the whole public would share one bucket; the
 * proxy names the caller in `X-Forwarded-For`. That header is honoured only when the socket
 * belongs to a proxy listed in `TRUSTED_PROXIES` (IPs or CIDRs), and then read from the right:
 * each trusted proxy appends the address it saw, so the right-most address that is not a trusted
 * proxy is the caller; anything left of it is whatever the caller chose to send.
 */
import type { IncomingMessage } from 'node:http';
import { BlockList, isIP } from 'node:net';

export type ClientAddress = (req: IncomingMessage) => string;

/** `::ffff:10.0.0.1` (IPv4 on a dual-stack socket) is `10.0.0.1`; anything else unchanged. */
function normalize(address: string): string {
  const trimmed = address.trim();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(trimmed);
  return mapped ? mapped[1]! : trimmed;
}

/** A matcher for `10.0.0.0/8, 127.0.0.1, ::1, fd00::/8`; throws naming an entry that is neither an IP nor a CIDR. */
export function parseTrustedProxies(text: string): (address: string) => boolean {
  const list = new BlockList();
  const entries = text.split(',').map((e) => e.trim()).filter(Boolean);
  for (const entry of entries) {
    const [address = '', prefix, extra] = entry.split('/');
    const family = isIP(address);
    const bits = prefix === undefined ? undefined : Number(prefix);
    const maxBits = family === 6 ? 128 : 32;
    if (!family || extra !== undefined || (bits !== undefined && (!/^\d+$/.test(prefix!) || bits > maxBits))) {
      throw new Error(`TRUSTED_PROXIES: "${entry}" is not an IP address or CIDR block`);
    }
    const type = family === 6 ? 'ipv6' : 'ipv4';
    if (bits === undefined) list.addAddress(address, type);
    else list.addSubnet(address, bits, type);
  }
  return (address) => {
    const family = isIP(address);
    return family !== 0 && list.check(address, family === 6 ? 'ipv6' : 'ipv4');
  };
}

/** `TRUSTED_PROXIES`, or none: then the socket address is the caller, whatever the headers say. */
export function trustedProxiesFromEnv(env: NodeJS.ProcessEnv = process.env): string | undefined {
  return env.TRUSTED_PROXIES?.trim() || undefined;
}

/** The caller's address for a request: the socket's, or X-Forwarded-For's as told above. */
export function createClientAddress(trustedProxies?: string): ClientAddress {
  const trusted = trustedProxies ? parseTrustedProxies(trustedProxies) : undefined;
  return (req) => {
    const socket = normalize(req.socket.remoteAddress ?? 'unknown');
    if (!trusted?.(socket)) return socket;
    const header = req.headers['x-forwarded-for'];
    const hops = (Array.isArray(header) ? header.join(',') : (header ?? '')).split(',').map(normalize).filter(Boolean);
    // From the proxy nearest to us outwards; a hop that is not an address ends the walk at the last trusted one.
    let caller = socket;
    for (let i = hops.length - 1; i >= 0; i--) {
      const hop = hops[i]!;
      if (!isIP(hop)) return caller;
      caller = hop;
      if (!trusted(hop)) return hop;
    }
    return caller;
  };
}

import crypto from 'node:crypto';
import net from 'node:net';
import type { KoaContext } from '../koa';

/** The one key every address that is not an IP address shares: sending garbage buys no budget. */
export const UNPARSEABLE_ADDRESS = 'unparseable';

/** The longest text read as an address: a bracketed IPv6 address with a zone and a port fits. */
const ADDRESS_MAX_LENGTH = 64;

/**
 * The client as the nearest trusted proxy saw it. With `server.proxy.maxIpsCount` set, Koa already
 * drops what the client wrote to the left of it (`ctx.request.ip`). Without it, Koa takes the
 * leftmost X-Forwarded-For value, which the client chooses: the plugin then counts the rightmost
 * one, the address the proxy in front of Strapi added, as if `maxIpsCount` were 1.
 */
export const clientAddressOf = (ctx: KoaContext): string => {
  const { ips, ip } = ctx.request;
  if (ctx.app.maxIpsCount > 0 || ips.length === 0) return ip;
  return ips[ips.length - 1];
};

/** `1.2.3.4:5678` and `[2001:db8::1]:443`, as some proxies write them, without the port; an IPv6 zone dropped. */
const withoutPortOrZone = (address: string) => {
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(address);
  if (bracketed) return bracketed[1].replace(/%.*$/, '');
  const ipv4WithPort = /^(\d{1,3}(?:\.\d{1,3}){3}):\d+$/.exec(address);
  if (ipv4WithPort) return ipv4WithPort[1];
  return address.replace(/%.*$/, '');
};

/** The eight 16-bit groups of a valid IPv6 address (an embedded IPv4 address gives the last two). */
const ipv6Groups = (address: string): number[] => {
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(address);
  let text = address;
  if (dotted) {
    const [a, b, c, d] = dotted[1].split('.').map(Number);
    text = `${address.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.split('::');
  const parse = (part: string | undefined) => (part ? part.split(':').map((group) => parseInt(group, 16)) : []);
  const left = parse(head);
  const right = parse(tail);
  return [...left, ...Array(8 - left.length - right.length).fill(0), ...right];
};

const isIpv4Mapped = (groups: number[]) => groups.slice(0, 5).every((group) => group === 0) && groups[5] === 0xffff;

/**
 * The budget an address belongs to: an IPv4 address itself, an IPv4-mapped IPv6 address as its
 * IPv4 address, any other IPv6 address its /64 (what one subscriber gets), and anything else the
 * one shared `unparseable` key.
 */
export const clientBudgetOf = (address: string): string => {
  if (address.length > ADDRESS_MAX_LENGTH) return UNPARSEABLE_ADDRESS;
  const candidate = withoutPortOrZone(address.trim());
  const version = net.isIP(candidate);
  if (version === 4) return candidate;
  if (version !== 6) return UNPARSEABLE_ADDRESS;
  const groups = ipv6Groups(candidate.toLowerCase());
  if (isIpv4Mapped(groups)) return [groups[6] >> 8, groups[6] & 0xff, groups[7] >> 8, groups[7] & 0xff].join('.');
  return `${groups
    .slice(0, 4)
    .map((group) => group.toString(16))
    .join(':')}::/64`;
};

/**
 * The store's key of a client's budget in `scope`: the scope, then the budget's SHA-256 in base64url
 * (43 characters), so that it always fits the database store's key column, whatever a header held.
 */
export const clientKey = (scope: string, address: string): string =>
  `${scope}:${crypto.createHash('sha256').update(clientBudgetOf(address)).digest('base64url')}`;

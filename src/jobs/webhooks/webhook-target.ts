import { BlockList, isIP, type LookupFunction } from 'node:net';
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';

/**
 * Where a webhook may not be sent unless WEBHOOK_ALLOW_PRIVATE_NETWORKS is on: loopback, private, link-local
 * (which includes cloud metadata services at 169.254.169.254), shared, multicast and reserved ranges. A job's
 * owner chooses the URL, so without this guard the worker would POST into the network it runs in.
 */
const NON_PUBLIC = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const)
  NON_PUBLIC.addSubnet(network, prefix, 'ipv4');
for (const [network, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['64:ff9b:1::', 48],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const)
  NON_PUBLIC.addSubnet(network, prefix, 'ipv6');

const IPV4_MAPPED = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i;

/** True when `address` (an IPv4 or IPv6 literal) is reachable on the public internet. */
export function isPublicAddress(address: string): boolean {
  const mapped = IPV4_MAPPED.exec(address);
  if (mapped) return isPublicAddress(mapped[1]);
  const family = isIP(address);
  if (family === 0) return false;
  return !NON_PUBLIC.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

const bareHost = (url: URL): string => url.hostname.replace(/^\[(.*)\]$/, '$1').toLowerCase();

/**
 * Why `url` may not receive webhooks, judged from the URL alone (an address literal or a localhost name), or
 * undefined. Names are resolved, and judged again, when the webhook is sent: see {@link publicOnlyLookup}.
 */
export function webhookUrlProblem(url: string): string | undefined {
  const host = bareHost(new URL(url));
  const refused = 'webhook_url must not point to a loopback, private or link-local address';
  if (host === 'localhost' || host.endsWith('.localhost')) return refused;
  if (isIP(host) !== 0 && !isPublicAddress(host)) return refused;
  return undefined;
}

/** Thrown (through the socket) when a webhook host resolves to an address that is not public. */
export class NonPublicAddressError extends Error {
  constructor(hostname: string, address: string) {
    super(`${hostname} resolves to ${address}, which is not a public address`);
    this.name = 'NonPublicAddressError';
  }
}

type Resolve = (
  hostname: string,
  callback: (error: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void,
) => void;

const resolveAll: Resolve = (hostname, callback) => dnsLookup(hostname, { all: true }, callback);

/**
 * A `lookup` for http.request that resolves the host and refuses it if any of its addresses is not public. The
 * socket then connects to an address checked here, so a name cannot switch to an inside address between the
 * check and the connection (DNS rebinding).
 */
export function publicOnlyLookup(resolve: Resolve = resolveAll): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname, (error, addresses) => {
      if (error) return callback(error, '', 0);
      const wanted = options.family === 4 || options.family === 6 ? options.family : undefined;
      const usable = addresses.filter((a) => wanted === undefined || a.family === wanted);
      const inside = usable.find((a) => !isPublicAddress(a.address));
      if (inside) return callback(new NonPublicAddressError(hostname, inside.address), '', 0);
      if (usable.length === 0) {
        const none: NodeJS.ErrnoException = new Error(`${hostname} has no usable address`);
        none.code = 'ENOTFOUND';
        return callback(none, '', 0);
      }
      if (options.all) return callback(null, usable);
      return callback(null, usable[0].address, usable[0].family);
    });
  };
}

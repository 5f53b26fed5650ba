/** An IPv4 network in CIDR notation, parsed. */
export type Ipv4Network = { address: number; prefix: number; text: string };

const CIDR =
  /^(0|[1-9][0-9]{0,2})\.(0|[1-9][0-9]{0,2})\.(0|[1-9][0-9]{0,2})\.(0|[1-9][0-9]{0,2})\/([0-9]{1,2})$/;

const PRIVATE_RANGES: Array<[string, number, number]> = [
  ['10.0.0.0/8', 0x0a000000, 8],
  ['172.16.0.0/12', 0xac100000, 12],
  ['192.168.0.0/16', 0xc0a80000, 16],
];

function mask(prefix: number): number {
  return prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
}

/** Parses `a.b.c.d/n`, or returns undefined. */
export function parseIpv4Cidr(text: string): Ipv4Network | undefined {
  const match = CIDR.exec(text);
  if (!match) {
    return undefined;
  }
  const octets = match.slice(1, 5).map(Number);
  const prefix = Number(match[5]);
  if (octets.some(o => o > 255) || prefix > 32) {
    return undefined;
  }
  const address =
    ((octets[0] << 24) | (octets[1] << 16) | (octets[2] << 8) | octets[3]) >>>
    0;
  return { address, prefix, text };
}

/** True when the two networks share at least one address. */
export function overlaps(a: Ipv4Network, b: Ipv4Network): boolean {
  const shorter = Math.min(a.prefix, b.prefix);
  return ((a.address ^ b.address) & mask(shorter)) >>> 0 === 0;
}

/**
 * Explains why `text` is not a usable private network for a VPC or VNet with
 * a prefix between `minPrefix` and `maxPrefix`, or returns undefined.
 */
export function explainBadNetworkCidr(
  text: string,
  minPrefix: number,
  maxPrefix: number,
): string | undefined {
  const network = parseIpv4Cidr(text);
  if (!network) {
    return 'must be an IPv4 network in CIDR notation such as 10.20.0.0/16';
  }
  if (network.prefix < minPrefix || network.prefix > maxPrefix) {
    return `must have a prefix length between /${minPrefix} and /${maxPrefix} (got /${network.prefix})`;
  }
  if ((network.address & ~mask(network.prefix)) >>> 0 !== 0) {
    return 'must be a network address (host bits zero), e.g. 10.20.0.0/16';
  }
  const inside = PRIVATE_RANGES.some(
    ([, base, prefix]) => (network.address & mask(prefix)) >>> 0 === base,
  );
  if (!inside) {
    return `must be inside a private range (${PRIVATE_RANGES.map(
      ([range]) => range,
    ).join(', ')})`;
  }
  return undefined;
}

/**
 * IP addresses and CIDR blocks for the `cidr` operator.
 *
 * EventBridge user guide, "IP address matching": "You can use IP address matching for IPv4 and
 * IPv6 addresses." An event value that is not an IP address in standard text form never matches.
 */

/** An IP address as an unsigned integer of its family's width. */
export interface IpAddress {
  readonly family: 4 | 6;
  readonly bits: bigint;
}

/** A CIDR block: the network's first address and the length of its prefix. */
export interface CidrBlock {
  readonly source: string;
  readonly network: IpAddress;
  readonly prefixLength: number;
}

/** The outcome of {@link parseCidr}. */
export type CidrParse = { readonly ok: true; readonly block: CidrBlock } | { readonly ok: false; readonly error: string };

const IPV4_OCTET = /^(0|[1-9][0-9]{0,2})$/;
const IPV6_GROUP = /^[0-9a-fA-F]{1,4}$/;

function parseIpv4(text: string): bigint | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let bits = 0n;
  for (const part of parts) {
    if (!IPV4_OCTET.test(part)) return undefined;
    const octet = Number(part);
    if (octet > 255) return undefined;
    bits = (bits << 8n) | BigInt(octet);
  }
  return bits;
}

function parseIpv6Groups(text: string): number[] | undefined {
  if (text === '') return [];
  const groups: number[] = [];
  const parts = text.split(':');
  for (const [index, part] of parts.entries()) {
    if (index === parts.length - 1 && part.includes('.')) {
      const v4 = parseIpv4(part);
      if (v4 === undefined) return undefined;
      groups.push(Number(v4 >> 16n), Number(v4 & 0xffffn));
    } else if (IPV6_GROUP.test(part)) {
      groups.push(parseInt(part, 16));
    } else {
      return undefined;
    }
  }
  return groups;
}

function parseIpv6(text: string): bigint | undefined {
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const head = parseIpv6Groups(halves[0] ?? '');
  const tail = halves.length === 2 ? parseIpv6Groups(halves[1] ?? '') : [];
  if (head === undefined || tail === undefined) return undefined;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return undefined;
  const groups = [...head, ...new Array<number>(missing).fill(0), ...tail];
  return groups.reduce((bits, group) => (bits << 16n) | BigInt(group), 0n);
}

/** Parses an IPv4 (dotted quad, no leading zeros) or IPv6 address; undefined when it is neither. */
export function parseIp(text: string): IpAddress | undefined {
  if (text.includes(':')) {
    const bits = parseIpv6(text);
    return bits === undefined ? undefined : { family: 6, bits };
  }
  const bits = parseIpv4(text);
  return bits === undefined ? undefined : { family: 4, bits };
}

function familyWidth(family: 4 | 6): number {
  return family === 4 ? 32 : 128;
}

function maskBits(bits: bigint, family: 4 | 6, prefixLength: number): bigint {
  const shift = BigInt(familyWidth(family) - prefixLength);
  return (bits >> shift) << shift;
}

/** Parses `address/length`; host bits below the prefix are ignored. */
export function parseCidr(source: string): CidrParse {
  const slash = source.indexOf('/');
  if (slash < 0 || slash !== source.lastIndexOf('/')) {
    return { ok: false, error: `"${source}" is not a CIDR block: one "/" is required, as in "10.0.0.0/24"` };
  }
  const address = parseIp(source.slice(0, slash));
  if (address === undefined) {
    return { ok: false, error: `"${source}" is not a CIDR block: "${source.slice(0, slash)}" is not an IPv4 or IPv6 address` };
  }
  const lengthText = source.slice(slash + 1);
  const prefixLength = Number(lengthText);
  if (!/^[0-9]{1,3}$/.test(lengthText) || prefixLength > familyWidth(address.family)) {
    return {
      ok: false,
      error: `"${source}" is not a CIDR block: the prefix length must be 0 to ${familyWidth(address.family)}`,
    };
  }
  const network = { family: address.family, bits: maskBits(address.bits, address.family, prefixLength) };
  return { ok: true, block: { source, network, prefixLength } };
}

/** Whether the text is an IP address of the block's family inside the block. */
export function cidrContains(block: CidrBlock, text: string): boolean {
  const address = parseIp(text);
  if (address?.family !== block.network.family) return false;
  return maskBits(address.bits, address.family, block.prefixLength) === block.network.bits;
}

/**
 * The client address as the SMS limits count it. An IPv4 address counts on its own; an IPv6 address counts as its
 * /64 network, because one subscriber is usually given a whole /64 and could otherwise switch addresses at will to
 * escape a per-address limit. An IPv4 address written as IPv6 (::ffff:203.0.113.7) counts as the IPv4 address.
 */
import { isIPv4, isIPv6 } from 'node:net';

export function clientAddressKey(ip: string): string {
  const address = ip.trim().replace(/%.*$/, ''); // a zone index (fe80::1%eth0) names the interface, not the host
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(address);
  if (mapped && isIPv4(mapped[1]!)) return mapped[1]!;
  if (!isIPv6(address)) return address;
  return `${expandIPv6(address).slice(0, 4).join(':')}::/64`;
}

/** The eight 16-bit groups of a valid IPv6 address, lower case without leading zeros. */
function expandIPv6(address: string): string[] {
  // A dotted IPv4 tail (64:ff9b::192.0.2.1) stands for the last two groups.
  const tail = /(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(address);
  let text = address;
  if (tail) {
    const [a, b, c, d] = tail.slice(1).map(Number) as [number, number, number, number];
    text = `${address.slice(0, tail.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, rest] = text.split('::') as [string, string | undefined];
  const groups = (part: string | undefined) => (part ? part.split(':') : []);
  const left = groups(head);
  const right = groups(rest);
  const zeros = rest === undefined ? [] : Array<string>(8 - left.length - right.length).fill('0');
  return [...left, ...zeros, ...right].map((group) => parseInt(group, 16).toString(16));
}

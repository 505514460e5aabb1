import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { clientAddressKey } from '../src/sms/client-address.ts';

describe('clientAddressKey', () => {
  it('counts an IPv4 address on its own, also when written as IPv6', () => {
    expect(clientAddressKey('203.0.113.7')).toBe('203.0.113.7');
    expect(clientAddressKey('::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(clientAddressKey('::FFFF:203.0.113.7')).toBe('203.0.113.7');
  });

  it('counts an IPv6 address as its /64 network, however it is written', () => {
    expect(clientAddressKey('2001:db8:aa:bb:1:2:3:4')).toBe('2001:db8:aa:bb::/64');
    expect(clientAddressKey('2001:0DB8:00AA:00BB:ffff::1')).toBe('2001:db8:aa:bb::/64');
    expect(clientAddressKey('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(clientAddressKey('::1')).toBe('0:0:0:0::/64');
    expect(clientAddressKey('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
    expect(clientAddressKey('64:ff9b::192.0.2.1')).toBe('64:ff9b:0:0::/64');
    expect(clientAddressKey('1:2:3:4:5:6:192.0.2.1')).toBe('1:2:3:4::/64');
  });

  it('gives every address of one /64 the same key, and addresses of another /64 another', () => {
    const group = fc.integer({ min: 0, max: 0xffff }).map((n) => n.toString(16));
    fc.assert(fc.property(fc.array(group, { minLength: 8, maxLength: 8 }), fc.array(group, { minLength: 4, maxLength: 4 }), (address, otherHost) => {
      const sameNetwork = [...address.slice(0, 4), ...otherHost];
      expect(clientAddressKey(address.join(':'))).toBe(clientAddressKey(sameNetwork.join(':')));
      expect(clientAddressKey(address.join(':'))).toBe(`${address.slice(0, 4).map((g) => parseInt(g, 16).toString(16)).join(':')}::/64`);
    }));
  });

  it('leaves anything that is not an IP address as it is', () => {
    expect(clientAddressKey('unknown')).toBe('unknown');
  });
});

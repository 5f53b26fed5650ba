import { explainBadNetworkCidr, overlaps, parseIpv4Cidr } from './cidr';

describe('IPv4 networks', () => {
  it('parses and compares networks', () => {
    const a = parseIpv4Cidr('10.20.0.0/16')!;
    expect(a).toEqual({
      address: 0x0a140000,
      prefix: 16,
      text: '10.20.0.0/16',
    });
    expect(overlaps(a, parseIpv4Cidr('10.20.128.0/17')!)).toBe(true);
    expect(overlaps(a, parseIpv4Cidr('10.21.0.0/16')!)).toBe(false);
    expect(overlaps(parseIpv4Cidr('0.0.0.0/0')!, a)).toBe(true);
  });

  it.each([
    ['10.0.0.0/16', undefined],
    ['172.16.0.0/16', undefined],
    ['192.168.0.0/20', undefined],
    ['172.32.0.0/16', 'must be inside a private range'],
    ['11.0.0.0/16', 'must be inside a private range'],
    ['10.0.0.0/15', 'prefix length between /16 and /20'],
    ['10.0.0.0/21', 'prefix length between /16 and /20'],
    ['10.0.1.0/16', 'must be a network address'],
    ['10.0.0.0/33', 'must be an IPv4 network'],
    ['256.0.0.0/16', 'must be an IPv4 network'],
    ['10.0.0/16', 'must be an IPv4 network'],
    ['10.0.0.0', 'must be an IPv4 network'],
    ['::1/128', 'must be an IPv4 network'],
  ])('%s', (cidr, problem) => {
    const found = explainBadNetworkCidr(cidr, 16, 20) ?? 'accepted';
    expect(found).toContain(problem ?? 'accepted');
  });
});

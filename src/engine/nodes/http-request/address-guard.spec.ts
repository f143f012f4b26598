import { embeddedIPv4, ipv6Groups, isForbiddenAddress } from './address-guard';
import { isAllowedHost } from './http-settings';

describe('isForbiddenAddress', () => {
  it.each([
    '127.0.0.1',
    '127.1.2.3',
    '10.1.2.3',
    '172.16.0.1',
    '172.31.255.255',
    '192.168.1.1',
    '169.254.169.254',
    '0.0.0.0',
    '100.64.0.1',
    '224.0.0.1',
    '255.255.255.255',
    '::',
    '::1',
    '[::1]',
    'fc00::1',
    'fd00:ec2::254',
    'fe80::1',
    'fe80::1%eth0',
    '::ffff:127.0.0.1',
    '::ffff:7f00:1',
    '::ffff:a9fe:a9fe',
    '::ffff:10.0.0.1',
    '::127.0.0.1',
    '64:ff9b::a9fe:a9fe',
    '2002:7f00:1::',
    'not-an-ip',
  ])('refuses %s', (address) => {
    expect(isForbiddenAddress(address)).toBe(true);
  });

  it.each(['93.184.216.34', '8.8.8.8', '172.32.0.1', '2606:4700::1111', '::ffff:8.8.8.8'])(
    'lets %s through',
    (address) => {
      expect(isForbiddenAddress(address)).toBe(false);
    },
  );

  it('expands IPv6 forms', () => {
    expect(ipv6Groups('::ffff:1.2.3.4')).toEqual([0, 0, 0, 0, 0, 0xffff, 0x102, 0x304]);
    expect(ipv6Groups('1::2::3')).toBeUndefined();
    expect(embeddedIPv4(ipv6Groups('::ffff:c0a8:101')!)).toBe('192.168.1.1');
  });
});

describe('isAllowedHost', () => {
  it('matches a host alone or with its port', () => {
    expect(isAllowedHost(['api.local'], 'API.local', '80')).toBe(true);
    expect(isAllowedHost(['127.0.0.1:8080'], '127.0.0.1', '8080')).toBe(true);
    expect(isAllowedHost(['127.0.0.1:8080'], '127.0.0.1', '80')).toBe(false);
    expect(isAllowedHost(['[::1]:81'], '[::1]', '81')).toBe(true);
  });
});

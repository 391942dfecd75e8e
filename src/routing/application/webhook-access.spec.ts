import { BlockList } from 'node:net';
import { AppError } from '../../platform/errors/app-error';
import { WebhookAccess } from './webhook-access';

function codeOf(fn: () => void): string | null {
  try {
    fn();
    return null;
  } catch (e) {
    return (e as AppError).code;
  }
}

describe('WebhookAccess', () => {
  it('refuses every request with UNAVAILABLE when no secret is configured', () => {
    const access = new WebhookAccess([], null);
    expect(codeOf(() => access.assertOpenTo('127.0.0.1'))).toBe('UNAVAILABLE');
  });

  it('accepts any of the rotated secrets and rejects others', () => {
    const access = new WebhookAccess(['old-secret-1', 'new-secret-2'], null);
    expect(codeOf(() => access.assertOpenTo('127.0.0.1'))).toBeNull();
    expect(codeOf(() => access.assertSecret('old-secret-1'))).toBeNull();
    expect(codeOf(() => access.assertSecret('new-secret-2'))).toBeNull();
    expect(codeOf(() => access.assertSecret('new-secret-'))).toBe('UNAUTHORIZED');
    expect(codeOf(() => access.assertSecret(undefined))).toBe('UNAUTHORIZED');
    expect(codeOf(() => access.assertSecret(12345678))).toBe('UNAUTHORIZED');
  });

  it('applies the sender allowlist to IPv4, IPv4-mapped IPv6 and IPv6 addresses', () => {
    const list = new BlockList();
    list.addSubnet('52.89.214.238', 32, 'ipv4');
    list.addSubnet('10.0.0.0', 8, 'ipv4');
    list.addSubnet('2001:db8::', 32, 'ipv6');
    const access = new WebhookAccess(['a-long-secret'], list);
    expect(codeOf(() => access.assertOpenTo('52.89.214.238'))).toBeNull();
    expect(codeOf(() => access.assertOpenTo('::ffff:10.1.2.3'))).toBeNull();
    expect(codeOf(() => access.assertOpenTo('2001:db8::7'))).toBeNull();
    expect(codeOf(() => access.assertOpenTo('52.89.214.239'))).toBe('FORBIDDEN');
    expect(codeOf(() => access.assertOpenTo('::1'))).toBe('FORBIDDEN');
  });
});

import { ConfigError } from '../../../platform/config/config.error';
import { readNotifySettings } from './notify.config';

describe('readNotifySettings: a send ends inside its lease', () => {
  const read = (lease: string, timeout: string) => () =>
    readNotifySettings({ NOTIFY_LEASE_MS: lease, NOTIFY_SEND_TIMEOUT_MS: timeout });

  it('accepts a lease of twice the send timeout or more', () => {
    expect(read('20000', '10000')().leaseMs).toBe(20000);
    expect(read('20001', '10000')().leaseMs).toBe(20001);
    expect(readNotifySettings({})).toMatchObject({ leaseMs: 60_000, sendTimeoutMs: 10_000 });
  });

  it('refuses a lease one millisecond short of it, naming both settings', () => {
    expect(read('19999', '10000')).toThrow(ConfigError);
    expect(read('19999', '10000')).toThrow(
      'NOTIFY_LEASE_MS (19999): must be at least twice NOTIFY_SEND_TIMEOUT_MS (10000)',
    );
  });
});

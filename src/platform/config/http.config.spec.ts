import 'reflect-metadata';
import { parseTrustProxy, readHttpSettings } from './http.config';

describe('TRUST_PROXY', () => {
  it.each([undefined, '', 'false', '0', 'off'])('%s: the socket address is the client', (v) => {
    expect(parseTrustProxy(v)).toEqual({ trustProxy: false, trustedProxies: null });
  });

  it('a list of addresses and CIDRs names the proxies', () => {
    const { trustProxy, trustedProxies } = parseTrustProxy(' 10.0.0.2, 172.16.0.0/12 ,::1');
    expect(trustProxy).toEqual(['10.0.0.2', '172.16.0.0/12', '::1']);
    expect(trustedProxies!.check('172.20.1.1', 'ipv4')).toBe(true);
    expect(trustedProxies!.check('10.0.0.3', 'ipv4')).toBe(false);
  });

  it.each(['true', 'TRUE', 'yes', '1', '2'])(
    '%s is refused, naming the variable and what to set instead',
    (v) => {
      expect(() => parseTrustProxy(v)).toThrow(
        /^TRUST_PROXY=\S+ would let a client choose .* TRUST_PROXY=127\.0\.0\.1/,
      );
    },
  );

  it('a malformed entry is named', () => {
    expect(() => parseTrustProxy('10.0.0.1,proxy.local')).toThrow(/TRUST_PROXY: "proxy.local"/);
  });
});

describe('HTTP timeouts', () => {
  it('has defaults', () => {
    expect(readHttpSettings({})).toMatchObject({
      headersTimeoutMs: 10_000,
      requestTimeoutMs: 15_000,
      keepAliveTimeoutMs: 72_000,
      idleTimeoutMs: 120_000,
      maxConnectionsPerIp: 128,
    });
  });

  it('refuses a headers timeout longer than the request timeout, naming both', () => {
    expect(() => readHttpSettings({ HTTP_HEADERS_TIMEOUT_MS: '20000' })).toThrow(
      /HTTP_HEADERS_TIMEOUT_MS.*HTTP_REQUEST_TIMEOUT_MS/,
    );
  });

  it('names a malformed value', () => {
    expect(() => readHttpSettings({ HTTP_REQUEST_TIMEOUT_MS: 'soon' })).toThrow(/HTTP_REQUEST_TIMEOUT_MS/);
  });
});

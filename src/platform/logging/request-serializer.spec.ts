import { redactQueryString, serializeRequest } from './request-serializer';

describe('redactQueryString', () => {
  it('keeps the path and the parameter names, never a value', () => {
    expect(redactQueryString('/api/webhooks/tradingview?secret=hunter22&limit=5&flag')).toBe(
      '/api/webhooks/tradingview?secret=[REDACTED]&limit=[REDACTED]&flag',
    );
    expect(redactQueryString('/api/x?a=b=c')).toBe('/api/x?a=[REDACTED]');
  });

  it('leaves a URL without a query string alone', () => {
    expect(redactQueryString('/api/health')).toBe('/api/health');
    expect(redactQueryString(undefined)).toBeUndefined();
  });
});

describe('serializeRequest', () => {
  it("has Fastify's fields, with the query redacted", () => {
    expect(
      serializeRequest({
        method: 'POST',
        url: '/w?secret=s3cr3t',
        host: 'h:1',
        ip: '10.0.0.1',
        socket: { remotePort: 5 },
      }),
    ).toEqual({
      method: 'POST',
      url: '/w?secret=[REDACTED]',
      host: 'h:1',
      remoteAddress: '10.0.0.1',
      remotePort: 5,
    });
  });
});

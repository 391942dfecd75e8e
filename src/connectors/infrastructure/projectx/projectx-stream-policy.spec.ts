import { projectXHubUrl, redactStreamText, retryDelayMs } from './projectx-stream-policy';

describe('projectXHubUrl', () => {
  it.each([
    ['https://api.topstepx.com', 'https://rtc.topstepx.com/hubs/user'],
    ['https://gateway-api-demo.s2f.projectx.com', 'https://gateway-rtc-demo.s2f.projectx.com/hubs/user'],
    ['https://api.alphaticks.projectx.com/', 'https://rtc.alphaticks.projectx.com/hubs/user'],
    ['http://127.0.0.1:8102', 'http://127.0.0.1:8102/hubs/user'],
  ])('%s → %s', (base, hub) => expect(projectXHubUrl(base, 'user')).toBe(hub));

  it('the market hub sits beside the user hub', () => {
    expect(projectXHubUrl('https://api.topstepx.com', 'market')).toBe('https://rtc.topstepx.com/hubs/market');
  });
});

describe('retryDelayMs', () => {
  const policy = { firstDelayMs: 500, maxDelayMs: 30_000 };
  it('doubles from the first delay, jittered between half and all of it', () => {
    expect(retryDelayMs(0, policy, 0)).toBe(250);
    expect(retryDelayMs(0, policy, 1)).toBe(500);
    expect(retryDelayMs(1, policy, 1)).toBe(1000);
    expect(retryDelayMs(3, policy, 0.5)).toBe(3000);
  });
  it('is capped, and never gives up however many attempts failed', () => {
    expect(retryDelayMs(6, policy, 1)).toBe(30_000);
    expect(retryDelayMs(5, policy, 1)).toBe(16_000);
    expect(retryDelayMs(10_000, policy, 1)).toBe(30_000);
    expect(retryDelayMs(10_000, policy, 0)).toBe(15_000);
  });
});

describe('redactStreamText', () => {
  const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1In0.c2lnbmF0dXJl';
  it('censors the access_token query, bearer values, JWTs and the login’s secrets', () => {
    const text = `WebSocket failed to connect to wss://rtc.x/hubs/user?access_token=opaque-1234&id=7 with Bearer abcd.efg key px-api-key-42 ${jwt}`;
    const out = redactStreamText(text, ['px-api-key-42']);
    expect(out).toBe(
      'WebSocket failed to connect to wss://rtc.x/hubs/user?access_token=[REDACTED]&id=7 with Bearer [REDACTED] key [REDACTED] [REDACTED]',
    );
  });
  it('leaves ordinary text alone', () => {
    expect(redactStreamText('WebSocket closed with status code: 1006 ().', [])).toBe(
      'WebSocket closed with status code: 1006 ().',
    );
  });
});

import { BODY_KEEP, keptBody, refusalReason, storable } from './webhook-refusal';

describe('refusalReason', () => {
  it('takes the message and every problem from the error body', () => {
    const payload = JSON.stringify({
      statusCode: 400,
      error: 'VALIDATION',
      message: 'Validation failed',
      details: ['symbol: is required', 'action: must be one of buy, sell'],
    });
    expect(refusalReason(400, payload)).toEqual({
      reason: 'Validation failed',
      problems: ['symbol: is required', 'action: must be one of buy, sell'],
    });
  });

  it('falls back to the status for a body that is not PropRouter JSON', () => {
    expect(refusalReason(413, 'Request body is too large')).toEqual({ reason: 'HTTP 413', problems: [] });
  });
});

describe('keptBody', () => {
  const configured = ['tv-secret-1', 'tv-secret-2'];

  it('removes the secret field at any depth, and any configured secret anywhere', () => {
    const kept = keptBody(
      { secret: 'wrong-guess', ticker: 'MNQ1!', note: 'tv-secret-2', nested: { secret: 'x-y-z-w' } },
      configured,
    );
    expect(kept).toBe(
      '{"secret":"[REDACTED]","ticker":"MNQ1!","note":"[REDACTED]","nested":{"secret":"[REDACTED]"}}',
    );
  });

  it('a text body keeps no secret: configured ones, and key=value / JSON-looking secret fields', () => {
    expect(keptBody('key=abc;secret=hunter2hunter2;action=buy', configured)).toBe(
      'key=abc;secret=[REDACTED];action=buy',
    );
    expect(keptBody('{"secret": "typo-json-secret", "action": "buy"', configured)).toBe(
      '{"secret": "[REDACTED]", "action": "buy"',
    );
    expect(keptBody('buy MNQ tv-secret-1', configured)).toBe('buy MNQ [REDACTED]');
  });

  it('a secret carried by the body is removed wherever else it appears in it', () => {
    expect(keptBody({ secret: 'carried-1', comment: 'carried-1 again' }, [])).toBe(
      '{"secret":"[REDACTED]","comment":"[REDACTED] again"}',
    );
  });

  it("PickMyTrade's token is a credential too: removed as a field and from a CrossTrade-like text", () => {
    const kept = keptBody(
      { symbol: 'NQ1!', data: 'buy', token: 'pmt-tok-9', multiple_accounts: [{ token: 'pmt-tok-9' }] },
      [],
    );
    expect(kept).toBe(
      '{"symbol":"NQ1!","data":"buy","token":"[REDACTED]","multiple_accounts":[{"token":"[REDACTED]"}]}',
    );
    expect(keptBody('secret=s-1; token=pmt-tok-9; action=BUY;', [])).toBe(
      'secret=[REDACTED]; token=[REDACTED]; action=BUY;',
    );
  });

  it('cuts long bodies to the limit, marked', () => {
    const kept = keptBody('a'.repeat(BODY_KEEP * 3), configured) as string;
    expect(kept).toHaveLength(BODY_KEEP);
    expect(kept.endsWith('…[truncated]')).toBe(true);
    expect(keptBody('a'.repeat(BODY_KEEP), configured)).toHaveLength(BODY_KEEP);
  });

  it('no body is null', () => {
    expect(keptBody(undefined, configured)).toBeNull();
    expect(keptBody('', configured)).toBeNull();
  });
});

describe('storable', () => {
  it('writes a NUL as \\u0000 and a lone surrogate as U+FFFD; pairs and plain text are kept', () => {
    expect(storable('a\u0000b')).toBe('a\\u0000b');
    expect(storable('x\ud800y')).toBe('x\ufffdy');
    expect(storable('x\udc00')).toBe('x\ufffd');
    expect(storable('ok 😀 é')).toBe('ok 😀 é');
  });

  it('a kept body never holds either', () => {
    expect(keptBody('bad\u0000\ud800', [])).toBe('bad\\u0000\ufffd');
  });
});

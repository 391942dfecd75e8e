import { checkFirmStatus } from './firm-status.rule';

describe('rule 1: firm status', () => {
  it('rejects a firm missing from the registry', () => {
    expect(checkFirmStatus('NOPE', null, true)).toEqual({
      rule: 'FIRM_NOT_FOUND',
      reason: 'Firm NOPE is not in the registry',
      details: { firm_code: 'NOPE' },
    });
  });

  it('rejects a firm that is not active, naming its status', () => {
    expect(checkFirmStatus('APEX', { code: 'APEX', status: 'suspended' }, true)).toEqual({
      rule: 'FIRM_INACTIVE',
      reason: 'Firm APEX is suspended in the registry',
      details: { firm_code: 'APEX', status: 'suspended' },
    });
  });

  it('rejects an active firm that is not enabled, naming the variable', () => {
    const denial = checkFirmStatus('apex', { code: 'APEX', status: 'active' }, false);
    expect(denial?.rule).toBe('FIRM_DISABLED');
    expect(denial?.details).toEqual({ firm_code: 'apex', variable: 'APEX_ENABLED' });
  });

  it('passes an active, enabled firm', () => {
    expect(checkFirmStatus('APEX', { code: 'APEX', status: 'active' }, true)).toBeNull();
  });
});

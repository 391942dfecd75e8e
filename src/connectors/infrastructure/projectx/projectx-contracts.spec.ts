import { isContractOf, requestedMonth } from './projectx-contracts';
import type { ProjectXContract } from './projectx.types';

const contract = (id: string, name: string): ProjectXContract => ({
  id,
  name,
  tickSize: 0.25,
  tickValue: 5,
  activeContract: true,
});

describe('ProjectX contract matching', () => {
  it('matches a root by name (current format), product code, or the documented aliases', () => {
    expect(isContractOf(contract('CON.F.US.ENQ.U25', 'NQU5'), 'NQ')).toBe(true);
    expect(isContractOf(contract('CON.F.US.ENQ.H25', 'ENQH25'), 'NQ')).toBe(true);
    expect(isContractOf(contract('CON.F.US.EP.M25', 'EPM25'), 'ES')).toBe(true);
    expect(isContractOf(contract('CON.F.US.MNQ.H25', 'MNQH25'), 'MNQ')).toBe(true);
  });

  it('does not take a neighbour whose name merely contains the root', () => {
    expect(isContractOf(contract('CON.F.US.MNQ.H25', 'MNQH25'), 'NQ')).toBe(false);
    expect(isContractOf(contract('CON.F.US.NQG.G25', 'NQGG25'), 'NQ')).toBe(false);
    expect(isContractOf(contract('CON.F.US.NQM.G25', 'NQMG25'), 'NQ')).toBe(false);
  });

  it('reads a requested month from a symbol that names one', () => {
    expect(requestedMonth('NQZ5', 'NQ')).toBe('Z5');
    expect(requestedMonth('CME_MINI:NQH2026', 'NQ')).toBe('H6');
    expect(requestedMonth('NQ1!', 'NQ')).toBeNull();
    expect(requestedMonth('NQ', 'NQ')).toBeNull();
  });
});

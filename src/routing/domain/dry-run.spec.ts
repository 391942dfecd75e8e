import { ordersGo, platformsSending } from './dry-run';

describe('dry run: whose orders go (issue 19)', () => {
  it('dry run off: every account, whatever its platform', () => {
    for (const p of ['tradovate', 'projectx', 'rest', 'paper', null]) expect(ordersGo(false, p)).toBe(true);
    expect(platformsSending(false)).toBeNull();
  });

  it('dry run on: a paper account only; every live platform and an unconfigured account held', () => {
    expect(ordersGo(true, 'paper')).toBe(true);
    for (const p of ['tradovate', 'projectx', 'rest', null, '', 'PAPER', 'paper '])
      expect(ordersGo(true, p)).toBe(false);
  });

  it('the platforms the re-driver claims in dry run are exactly those ordersGo lets through', () => {
    const sending = platformsSending(true);
    expect(sending).toEqual(['paper']);
    for (const p of ['tradovate', 'projectx', 'rest', 'paper'])
      expect(sending!.includes(p)).toBe(ordersGo(true, p));
  });
});

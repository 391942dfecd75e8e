import fc from 'fast-check';
import { limits, sizingInput } from '../../../test/sizing/sizing.mother';
import { FUTURES_SPECS } from './contract-specs';
import { computeContractSize } from './compute-contract-size';
import { dec } from './sizing-decimal';

/** A decimal as an integer mantissa and a scale: value = mantissa / 10^scale. */
interface Exact {
  m: bigint;
  s: number;
}

const text = ({ m, s }: Exact): string => {
  const digits = (m < 0n ? -m : m).toString().padStart(s + 1, '0');
  const body = s === 0 ? digits : `${digits.slice(0, -s)}.${digits.slice(-s)}`;
  return m < 0n ? `-${body}` : body;
};
const significantDigits = (e: Exact) => (e.m < 0n ? -e.m : e.m).toString().replace(/0+$/, '').length;
const exact = (mantissa: fc.Arbitrary<bigint>, maxScale: number) =>
  fc.record({ m: mantissa, s: fc.integer({ min: 0, max: maxScale }) });
const pow10 = (n: number) => 10n ** BigInt(n);

/** floor((account × risk) / (|entry − stop| × pointValue)) in exact rationals: the oracle. */
function oracle(account: Exact, risk: Exact, entry: Exact, stop: Exact, pointValue: Exact): bigint {
  const scale = Math.max(entry.s, stop.s);
  const distance = entry.m * pow10(scale - entry.s) - stop.m * pow10(scale - stop.s);
  const absDistance = distance < 0n ? -distance : distance;
  const numerator = account.m * risk.m * pow10(scale + pointValue.s);
  const denominator = absDistance * pointValue.m * pow10(account.s + risk.s);
  return numerator / denominator;
}

function sizeAsNumbers(account: Exact, risk: Exact, entry: Exact, stop: Exact, pointValue: Exact) {
  return computeContractSize(
    sizingInput({
      symbol: 'TEST',
      accountSize: Number(text(account)),
      riskPercent: Number(text(risk)),
      entryPrice: Number(text(entry)),
      stopLoss: Number(text(stop)),
      pointValue: { value: dec(Number(text(pointValue))), source: 'env', root: null },
      limits: limits({ maxRiskPercent: { value: dec(1), source: 'env' } }),
    }),
  );
}

function expectExact(account: Exact, risk: Exact, entry: Exact, stop: Exact, pointValue: Exact): void {
  const expected = oracle(account, risk, entry, stop, pointValue);
  const result = sizeAsNumbers(account, risk, entry, stop, pointValue);
  if (expected === 0n) expect([result.status, result.rule]).toEqual(['REJECTED', 'QUANTITY_ZERO']);
  else expect([result.status, result.computed_quantity]).toEqual(['APPROVED', Number(expected)]);
}

const account = exact(fc.bigInt({ min: 1000n, max: 5_000_000n }), 2);
const risk = exact(fc.bigInt({ min: 1n, max: 1000n }), 5).filter((r) => r.m <= pow10(r.s));
const price = exact(fc.bigInt({ min: -1_000_000n, max: 100_000_000n }), 4);
const specPointValue = fc.constantFrom(...FUTURES_SPECS.map((s) => s.pointValue)).map((v): Exact => {
  const [int, frac = ''] = String(v).split('.');
  return { m: BigInt(int + frac), s: frac.length };
});
const pointValue = fc.oneof(specPointValue, exact(fc.bigInt({ min: 1n, max: 200_000n }), 3));

describe('computeContractSize — exactness against rational arithmetic', () => {
  it('matches floor of the exact rational quotient for random decimal inputs', () => {
    fc.assert(
      fc.property(account, risk, price, price, pointValue, (a, r, e, s, p) => {
        fc.pre(oracleDistanceIsPositive(e, s));
        expectExact(a, r, e, s, p);
      }),
      { numRuns: 6000 },
    );
  });

  it('is exact where the quotient is a whole number (where binary floating point comes out one short)', () => {
    const niceRisk = fc.constantFrom(
      '0.001',
      '0.002',
      '0.0025',
      '0.004',
      '0.005',
      '0.008',
      '0.01',
      '0.0125',
      '0.02',
      '0.025',
    );
    const distance = exact(fc.bigInt({ min: 1n, max: 20_000n }), 2);
    const quantity = fc.integer({ min: 1, max: 500 });
    fc.assert(
      fc.property(niceRisk, distance, specPointValue, quantity, (riskText, d, p, q) => {
        const r = parse(riskText);
        // account = q × d × p / r exactly: r divides a power of ten, so the account is a finite decimal.
        const a = parse(
          dec(q)
            .times(dec(text(d)))
            .times(dec(text(p)))
            .div(dec(riskText))
            .toFixed(),
        );
        fc.pre(significantDigits(a) <= 15);
        const entry: Exact = { m: 100_000n * pow10(d.s) + d.m, s: d.s };
        const stop: Exact = { m: 100_000n, s: 0 };
        expect(oracle(a, r, entry, stop, p)).toBe(BigInt(q));
        expectExact(a, r, entry, stop, p);
      }),
      { numRuns: 3000 },
    );
  });
});

function oracleDistanceIsPositive(e: Exact, s: Exact): boolean {
  const scale = Math.max(e.s, s.s);
  return e.m * pow10(scale - e.s) !== s.m * pow10(scale - s.s);
}

function parse(decimal: string): Exact {
  const [int, frac = ''] = decimal.split('.');
  return { m: BigInt(int + frac), s: frac.length };
}

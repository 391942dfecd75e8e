import { useEffect, useRef } from 'react';
import { ColorType, createChart, LineSeries, LineStyle, type UTCTimestamp } from 'lightweight-charts';
import { dec, type DecimalText } from '../format/money';

export interface EquityPoint {
  at: string;
  equity: DecimalText;
  floor?: DecimalText | null;
}

/**
 * An account's equity over time with its drawdown floor drawn under it (TradingView's lightweight-charts).
 * Values become numbers only here, for drawing; every figure shown as text is formatted exactly.
 */
export function EquityChart({ points, label }: { points: EquityPoint[]; label: string }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!box.current) return;
    const dark = matchMedia('(prefers-color-scheme: dark)').matches;
    const chart = createChart(box.current, {
      autoSize: true,
      height: 160,
      layout: {
        background: { type: ColorType.Solid, color: 'transparent' },
        textColor: dark ? '#c9d1d9' : '#24292f',
        attributionLogo: false,
      },
      grid: { vertLines: { visible: false }, horzLines: { color: dark ? '#30363d' : '#e5e7eb' } },
      rightPriceScale: { borderVisible: false },
      timeScale: { borderVisible: false, timeVisible: true },
    });
    const equity = chart.addSeries(LineSeries, { color: '#2f81f7', lineWidth: 2, title: 'equity' });
    const floor = chart.addSeries(LineSeries, {
      color: '#f85149',
      lineWidth: 1,
      lineStyle: LineStyle.Dashed,
      title: 'drawdown floor',
    });
    const series = toSeries(points);
    equity.setData(series.map((p) => ({ time: p.time, value: p.equity })));
    floor.setData(
      series.filter((p) => p.floor !== null).map((p) => ({ time: p.time, value: p.floor as number })),
    );
    chart.timeScale().fitContent();
    return () => chart.remove();
  }, [points]);
  return (
    <div
      ref={box}
      className="chart"
      role="img"
      aria-label={`Equity curve of ${label} with its drawdown floor`}
    />
  );
}

/** One point per second at most (the chart needs strictly increasing times); the last value of a second wins. */
function toSeries(points: EquityPoint[]) {
  const bySecond = new Map<number, { time: UTCTimestamp; equity: number; floor: number | null }>();
  for (const p of points) {
    const t = Math.floor(new Date(p.at).getTime() / 1000) as UTCTimestamp;
    bySecond.set(t, {
      time: t,
      equity: dec(p.equity).toNumber(),
      floor: p.floor === null || p.floor === undefined ? null : dec(p.floor).toNumber(),
    });
  }
  return [...bySecond.values()].sort((a, b) => a.time - b.time);
}

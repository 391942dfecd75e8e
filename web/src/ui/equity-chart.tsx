import { useEffect, useRef } from 'react';
import {
  ColorType,
  createChart,
  createSeriesMarkers,
  LineSeries,
  LineStyle,
  type UTCTimestamp,
} from 'lightweight-charts';
import { dec, type DecimalText } from '../format/money';

export interface EquityPoint {
  at: string;
  equity: DecimalText;
  floor?: DecimalText | null;
  /** the daily-loss line: the equity at which the day reaches its loss limit */
  dailyLoss?: DecimalText | null;
}

/** A point to mark on the equity line (the simulator's failure point). */
export interface ChartMarker {
  at: string;
  text: string;
}

/**
 * An equity curve with its drawdown floor drawn under it (TradingView's lightweight-charts): an account's, or a
 * simulated program's with its daily-loss line and the failure point marked. Values become numbers only here,
 * for drawing; every figure shown as text is formatted exactly.
 */
export function EquityChart({
  points,
  label,
  markers = [],
  height = 160,
}: {
  points: EquityPoint[];
  label: string;
  markers?: ChartMarker[];
  height?: number;
}) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!box.current) return;
    const dark = matchMedia('(prefers-color-scheme: dark)').matches;
    const chart = createChart(box.current, {
      autoSize: true,
      height,
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
    const daily = series.filter((p) => p.dailyLoss !== null);
    if (daily.length > 0) {
      const line = chart.addSeries(LineSeries, {
        color: '#d29922',
        lineWidth: 1,
        lineStyle: LineStyle.Dotted,
        title: 'daily-loss line',
      });
      line.setData(daily.map((p) => ({ time: p.time, value: p.dailyLoss as number })));
    }
    if (markers.length > 0) {
      const last = series.at(-1)?.time;
      createSeriesMarkers(
        equity,
        markers
          .map((m) => ({ time: second(m.at), text: m.text }))
          // a marker sits on a drawn point: the nearest at or before it (points share a second at most)
          .map((m) => ({ ...m, time: series.findLast((p) => p.time <= m.time)?.time ?? last }))
          .filter((m): m is { time: UTCTimestamp; text: string } => m.time !== undefined)
          .map((m) => ({
            time: m.time,
            position: 'belowBar' as const,
            shape: 'arrowUp' as const,
            color: '#f85149',
            text: m.text,
          })),
      );
    }
    chart.timeScale().fitContent();
    return () => chart.remove();
  }, [points, markers, height]);
  return (
    <div
      ref={box}
      className="chart"
      role="img"
      aria-label={
        `Equity curve of ${label} with its drawdown floor` +
        (points.some((p) => p.dailyLoss !== null && p.dailyLoss !== undefined)
          ? ' and daily-loss line'
          : '') +
        (markers.length > 0 ? `; marked: ${markers.map((m) => m.text).join('; ')}` : '')
      }
    />
  );
}

/** One point per second at most (the chart needs strictly increasing times); the last value of a second wins. */
function toSeries(points: EquityPoint[]) {
  const num = (v: DecimalText | null | undefined) =>
    v === null || v === undefined ? null : dec(v).toNumber();
  const bySecond = new Map<
    number,
    { time: UTCTimestamp; equity: number; floor: number | null; dailyLoss: number | null }
  >();
  for (const p of points) {
    const t = second(p.at);
    bySecond.set(t, {
      time: t,
      equity: dec(p.equity).toNumber(),
      floor: num(p.floor),
      dailyLoss: num(p.dailyLoss),
    });
  }
  return [...bySecond.values()].sort((a, b) => a.time - b.time);
}

function second(iso: string): UTCTimestamp {
  return Math.floor(new Date(iso).getTime() / 1000) as UTCTimestamp;
}

import { money, share, type DecimalText } from '../format/money';

/**
 * Room left before a limit, as a bar and in words: `$1,750.00 of $2,500.00 left`. A meter for assistive
 * technology; red under a quarter of the limit, amber under a half.
 */
export function Gauge(props: {
  label: string;
  left: DecimalText | null | undefined;
  limit: DecimalText | null | undefined;
}) {
  const f = share(props.left, props.limit);
  const tone = f === null ? 'none' : f <= 0.25 ? 'bad' : f <= 0.5 ? 'warn' : 'ok';
  const text = f === null ? 'no limit known' : `${money(props.left)} of ${money(props.limit)} left`;
  return (
    <div className="gauge">
      <div className="row between">
        <span>{props.label}</span>
        <span className="num">{text}</span>
      </div>
      <div
        className={`bar ${tone}`}
        role="meter"
        aria-label={props.label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={f === null ? 0 : Math.round(f * 100)}
        aria-valuetext={text}
      >
        <span style={{ width: `${f === null ? 0 : Math.round(f * 100)}%` }} />
      </div>
    </div>
  );
}

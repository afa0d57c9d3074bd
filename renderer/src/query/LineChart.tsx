// A small line chart for range results: one polyline per series, shared axes, min/max and time labels.
// Drawn in a stretchable viewBox with non-scaling strokes so it fits any sidebar width.
import type { Series } from '../api/index.ts';
import { secondsTime } from '../common/index.ts';

const W = 300;
const H = 100;
export const MAX_CHART_SERIES = 8;

export function formatValue(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  const a = Math.abs(v);
  if (a !== 0 && (a < 0.001 || a >= 1e6)) return v.toExponential(2);
  return Number(v.toPrecision(4)).toString();
}

export function LineChart({ series, label }: { series: Series[]; label: string }) {
  const shown = series.slice(0, MAX_CHART_SERIES);
  const pts = shown.flatMap((s) => s.points.filter(([, v]) => Number.isFinite(v)));
  if (pts.length === 0) return <p className="empty">No samples in this range.</p>;
  const xs = pts.map(([t]) => t);
  const ys = pts.map(([, v]) => v);
  const x0 = Math.min(...xs);
  const x1 = Math.max(...xs);
  let y0 = Math.min(...ys);
  let y1 = Math.max(...ys);
  if (y0 === y1) {
    y0 -= 1;
    y1 += 1;
  }
  const sx = (t: number): number => (x1 === x0 ? W / 2 : ((t - x0) / (x1 - x0)) * W);
  const sy = (v: number): number => H - ((v - y0) / (y1 - y0)) * H;
  return (
    <figure className="chart">
      <div className="chart-y">
        <span>{formatValue(y1)}</span>
        <span>{formatValue(y0)}</span>
      </div>
      <svg viewBox={`0 0 ${W} ${H}`} preserveAspectRatio="none" role="img" aria-label={label}>
        <line x1={0} y1={H} x2={W} y2={H} className="axis" vectorEffect="non-scaling-stroke" />
        {shown.map((s, i) => (
          <polyline
            key={i}
            className={`series s${i}`}
            vectorEffect="non-scaling-stroke"
            fill="none"
            points={s.points.filter(([, v]) => Number.isFinite(v)).map(([t, v]) => `${sx(t).toFixed(1)},${sy(v).toFixed(1)}`).join(' ')}
          />
        ))}
      </svg>
      <figcaption className="chart-x">
        <span>{secondsTime(x0 * 1000)}</span>
        <span>{secondsTime(x1 * 1000)}</span>
      </figcaption>
    </figure>
  );
}

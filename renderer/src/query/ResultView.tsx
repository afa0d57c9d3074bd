// What a person's run returned: a table always, a chart for range queries, log lines for LogQL.
import { formatLabels, type RunResult } from '../api/index.ts';
import { secondsTime } from '../common/index.ts';
import { LineChart, MAX_CHART_SERIES, formatValue } from './LineChart.tsx';

const MAX_ROWS = 50;

export function ResultView({ result }: { result: RunResult }) {
  switch (result.kind) {
    case 'scalar':
      return <p className="result-scalar">Result: <strong>{formatValue(result.value)}</strong> at {secondsTime(result.at * 1000)}</p>;
    case 'vector': {
      if (result.rows.length === 0) return <p className="empty">The query returned no series.</p>;
      const rows = [...result.rows].sort((a, b) => b.value - a.value);
      return <ValueTable caption={`${rows.length} series at ${secondsTime((rows[0]?.at ?? 0) * 1000)}`} rows={rows.map((r) => [formatLabels(r.labels), r.value])} />;
    }
    case 'matrix': {
      if (result.series.length === 0) return <p className="empty">The query returned no series.</p>;
      const rows = result.series.map((s) => [formatLabels(s.labels), s.points[s.points.length - 1]?.[1] ?? NaN] as [string, number]);
      return (
        <>
          <LineChart series={result.series} label={`Chart of ${result.series.length} series`} />
          <ValueTable caption={`${rows.length} series, last value${rows.length > MAX_CHART_SERIES ? ` (chart shows the first ${MAX_CHART_SERIES})` : ''}`} rows={rows} swatches />
        </>
      );
    }
    case 'lines':
      if (result.lines.length === 0) return <p className="empty">No log lines matched.</p>;
      return (
        <ol className="log-lines" aria-label="Log lines">
          {result.lines.slice(0, MAX_ROWS).map((l, i) => (
            <li key={i}><time>{secondsTime(l.at * 1000)}</time> {l.line}</li>
          ))}
        </ol>
      );
  }
}

function ValueTable({ caption, rows, swatches }: { caption: string; rows: [string, number][]; swatches?: boolean }) {
  return (
    <table className="result-table">
      <caption>{caption}</caption>
      <thead>
        <tr><th scope="col">Series</th><th scope="col">Value</th></tr>
      </thead>
      <tbody>
        {rows.slice(0, MAX_ROWS).map(([name, v], i) => (
          <tr key={i}>
            <td>{swatches && i < MAX_CHART_SERIES && <span className={`swatch s${i}`} aria-hidden="true" />}<code>{name}</code></td>
            <td className="num">{formatValue(v)}</td>
          </tr>
        ))}
      </tbody>
      {rows.length > MAX_ROWS && <tfoot><tr><td colSpan={2}>{rows.length - MAX_ROWS} more not shown</td></tr></tfoot>}
    </table>
  );
}

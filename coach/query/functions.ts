// PromQL functions: argument kinds (for validation) and what each does in one sentence (for explanations).
export type ValueType = 'vector' | 'matrix' | 'scalar' | 'string';

export interface FunctionSpec {
  /** Argument kinds in order; a trailing "?" marks an optional one. */
  args: string[];
  variadic?: boolean;
  returns: ValueType;
  says: string;
}

const range = (says: string): FunctionSpec => ({ args: ['matrix'], returns: 'vector', says });
const math = (says: string): FunctionSpec => ({ args: ['vector'], returns: 'vector', says });

export const FUNCTIONS: Record<string, FunctionSpec> = {
  rate: range('the per-second average rate of increase of a counter over the window, allowing for counter resets'),
  irate: range('the per-second rate from the last two samples in the window: spiky, for fast-moving counters'),
  increase: range('how much a counter grew over the window, allowing for counter resets'),
  delta: range('the difference between the first and last value of a gauge over the window'),
  idelta: range('the difference between the last two samples of a gauge'),
  deriv: range('the per-second derivative of a gauge over the window (simple linear regression)'),
  changes: range('how many times the value changed within the window'),
  resets: range('how many times a counter reset within the window'),
  avg_over_time: range('the average of each series over the window'),
  min_over_time: range('the minimum of each series over the window'),
  max_over_time: range('the maximum of each series over the window'),
  sum_over_time: range('the sum of each series over the window'),
  count_over_time: range('the number of samples of each series in the window'),
  last_over_time: range('the most recent sample of each series in the window'),
  present_over_time: range('1 for each series that has any sample in the window'),
  stddev_over_time: range('the standard deviation of each series over the window'),
  quantile_over_time: { args: ['scalar', 'matrix'], returns: 'vector', says: 'the given quantile of each series over the window' },
  predict_linear: { args: ['matrix', 'scalar'], returns: 'vector', says: 'the value predicted that many seconds from now, by linear regression over the window' },
  holt_winters: { args: ['matrix', 'scalar', 'scalar'], returns: 'vector', says: 'a smoothed value of each series (double exponential smoothing)' },
  histogram_quantile: { args: ['scalar', 'vector'], returns: 'vector', says: 'the given quantile estimated from histogram buckets (the le label)' },
  histogram_count: math('the count of observations of a native histogram'),
  histogram_sum: math('the sum of observations of a native histogram'),
  histogram_fraction: { args: ['scalar', 'scalar', 'vector'], returns: 'vector', says: 'the fraction of observations between two values' },
  abs: math('the absolute value'),
  ceil: math('rounded up to the nearest integer'),
  floor: math('rounded down to the nearest integer'),
  round: { args: ['vector', 'scalar?'], returns: 'vector', says: 'rounded to the nearest integer (or multiple of the second argument)' },
  exp: math('e raised to the value'),
  ln: math('the natural logarithm'),
  log2: math('the binary logarithm'),
  log10: math('the decimal logarithm'),
  sqrt: math('the square root'),
  clamp: { args: ['vector', 'scalar', 'scalar'], returns: 'vector', says: 'the value limited to a range' },
  clamp_min: { args: ['vector', 'scalar'], returns: 'vector', says: 'the value, at least the given minimum' },
  clamp_max: { args: ['vector', 'scalar'], returns: 'vector', says: 'the value, at most the given maximum' },
  absent: math('1 when the selector matches no series at all: for alerting on missing data'),
  absent_over_time: range('1 when no series had a sample in the window'),
  scalar: { args: ['vector'], returns: 'scalar', says: 'the single value of a one-series vector as a scalar' },
  vector: { args: ['scalar'], returns: 'vector', says: 'a scalar as a one-series vector' },
  time: { args: [], returns: 'scalar', says: 'the evaluation time in seconds since the Unix epoch' },
  timestamp: math('the timestamp of each sample'),
  sort: math('the series sorted by value, ascending'),
  sort_desc: math('the series sorted by value, descending'),
  label_replace: { args: ['vector', 'string', 'string', 'string', 'string'], returns: 'vector', says: 'a label rewritten with a regular expression' },
  label_join: { args: ['vector', 'string', 'string', 'string'], variadic: true, returns: 'vector', says: 'several labels joined into one' },
  day_of_week: { args: ['vector?'], returns: 'vector', says: 'the day of the week (0 = Sunday)' },
  hour: { args: ['vector?'], returns: 'vector', says: 'the hour of the day (UTC)' },
  minute: { args: ['vector?'], returns: 'vector', says: 'the minute of the hour (UTC)' },
  days_in_month: { args: ['vector?'], returns: 'vector', says: 'the number of days in the month' },
  month: { args: ['vector?'], returns: 'vector', says: 'the month of the year' },
  year: { args: ['vector?'], returns: 'vector', says: 'the year' },
  pi: { args: [], returns: 'scalar', says: 'the number pi' },
};

/** What each aggregation operator does; `{k}` is its parameter. */
export const AGGREGATIONS: Record<string, string> = {
  sum: 'adds the series up',
  avg: 'averages the series',
  min: 'takes the smallest value',
  max: 'takes the largest value',
  count: 'counts the series',
  group: 'keeps one series per group with value 1',
  stddev: 'the standard deviation across the series',
  stdvar: 'the variance across the series',
  topk: 'keeps the {k} series with the highest values',
  bottomk: 'keeps the {k} series with the lowest values',
  quantile: 'the {k} quantile across the series',
  count_values: 'counts the series per distinct value',
  limitk: 'keeps any {k} series',
  limit_ratio: 'keeps a {k} fraction of the series',
};

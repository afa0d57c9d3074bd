// Which service an alert is about, read from its labels.
/** Label `service`, else `job`, else `app`; null when none is set. */
export function serviceFromLabels(labels: Record<string, string>): string | null {
  for (const key of ['service', 'job', 'app']) {
    const v = labels[key]?.trim();
    if (v) return v;
  }
  return null;
}

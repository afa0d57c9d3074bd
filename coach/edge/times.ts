// Times people type ("10:05", "10:05 UTC", "9:46am"), read as UTC on the incident's day.

export interface StatedTime {
  /** Offset in the text, to tell which clause the time belongs to. */
  index: number;
  raw: string;
  at: Date;
}

// "10:05", "9:46am", "10pm"; "14h05" (as much of Europe writes it); "14.05" only after a word that
// introduces a time ("at", "around", "since"…), so versions and ratios stay numbers.
const TIME = /\b(\d{1,2}):(\d{2})(?::\d{2})?\s*(am|pm|a\.m\.|p\.m\.)?(?:\s*(?:utc|z|gmt)\b)?|\b(\d{1,2})\s*(am|pm)\b|\b(\d{1,2})h(\d{2})\b|(?<=\b(?:at|around|about|since|by|from|until|till|approx|approximately|ca)\.?\s+)(\d{1,2})\.(\d{2})\b(?!\.\d)/gi;

/** Times in the text, placed on the UTC day of `now`; a time more than an hour ahead of `now` is read as yesterday's. */
export function statedTimes(text: string, now: Date): StatedTime[] {
  const found: StatedTime[] = [];
  for (const m of text.matchAll(TIME)) {
    let hour = Number(m[1] ?? m[4] ?? m[6] ?? m[8]);
    const minute = Number(m[2] ?? m[7] ?? m[9] ?? 0);
    const ampm = (m[3] ?? m[5] ?? '').toLowerCase().replace(/\./g, '');
    if (ampm === 'pm' && hour < 12) hour += 12;
    if (ampm === 'am' && hour === 12) hour = 0;
    if (hour > 23 || minute > 59) continue;
    const at = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), hour, minute));
    if (at.getTime() - now.getTime() > 60 * 60_000) at.setUTCDate(at.getUTCDate() - 1);
    found.push({ index: m.index, raw: m[0].trim(), at });
  }
  return found;
}

/** "09:46 UTC" */
export function clock(iso: string | Date): string {
  const d = typeof iso === 'string' ? new Date(iso) : iso;
  return `${String(d.getUTCHours()).padStart(2, '0')}:${String(d.getUTCMinutes()).padStart(2, '0')} UTC`;
}

export function minutesBetween(a: string | Date, b: string | Date): number {
  return Math.round((new Date(b).getTime() - new Date(a).getTime()) / 60_000);
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

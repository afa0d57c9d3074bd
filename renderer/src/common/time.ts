// Times on screen are short and local: on-call people read "10:04", not ISO strings.
const hm = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
const hms = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' });
const full = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });

export const shortTime = (iso: string): string => hm.format(new Date(iso));
export const secondsTime = (ms: number): string => hms.format(new Date(ms));
export const fullTime = (iso: string): string => full.format(new Date(iso));

/** "3 min ago", "2 h ago": for the picker, where age matters more than the clock. */
export function ago(iso: string, now = Date.now()): string {
  const s = Math.max(0, Math.round((now - new Date(iso).getTime()) / 1000));
  if (s < 60) return 'just now';
  if (s < 3600) return `${Math.floor(s / 60)} min ago`;
  if (s < 86400) return `${Math.floor(s / 3600)} h ago`;
  return `${Math.floor(s / 86400)} d ago`;
}

// bolt and its clients log through this, into the server's one log, warnings and errors only by default.
import { LogLevel, type Logger } from '@slack/bolt';

const ORDER: LogLevel[] = [LogLevel.DEBUG, LogLevel.INFO, LogLevel.WARN, LogLevel.ERROR];

export function boltLogger(log: (line: string) => void, initial: LogLevel = LogLevel.WARN): Logger {
  let level = initial;
  let name = 'slack';
  const at = (l: LogLevel) => (...msg: unknown[]): void => {
    if (ORDER.indexOf(l) < ORDER.indexOf(level)) return;
    log(`${name} ${l}: ${msg.map((m) => (m instanceof Error ? m.message : typeof m === 'string' ? m : JSON.stringify(m))).join(' ')}`);
  };
  return {
    debug: at(LogLevel.DEBUG),
    info: at(LogLevel.INFO),
    warn: at(LogLevel.WARN),
    error: at(LogLevel.ERROR),
    setLevel: (l) => {
      level = l;
    },
    getLevel: () => level,
    setName: (n) => {
      name = n;
    },
  };
}

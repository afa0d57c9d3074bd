// Says plainly when the live feed is down; the stream reconnects and the view refetches on its own.
import type { StreamState } from '../api/index.ts';

export function StreamBanner({ state }: { state: StreamState }) {
  if (state !== 'offline') return null;
  return (
    <div className="banner offline" role="alert">
      Offline — reconnecting…
    </div>
  );
}

export function LiveDot({ state }: { state: StreamState }) {
  const label = state === 'live' ? 'Live' : state === 'offline' ? 'Offline' : 'Connecting';
  return (
    <span className={`live-dot ${state}`} role="status" aria-label={`Connection: ${label}`} title={`Connection: ${label}`}>
      <span aria-hidden="true" />
    </span>
  );
}

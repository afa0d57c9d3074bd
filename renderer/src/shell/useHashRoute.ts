// Which incident is open lives in the URL's hash (#/incident/42), so reloads and the Electron shell
// can land on it directly and the static server needs no knowledge of client routes.
import { useCallback, useEffect, useState } from 'react';

function parse(hash: string): number | null {
  const m = /^#\/incident\/(?:INC-)?(\d+)$/i.exec(hash);
  return m ? Number(m[1]) : null;
}

export function useHashRoute(): [number | null, (id: number | null) => void] {
  const [id, setId] = useState(() => parse(window.location.hash));
  useEffect(() => {
    const on = (): void => setId(parse(window.location.hash));
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  const go = useCallback((next: number | null) => {
    window.location.hash = next === null ? '#/' : `#/incident/${next}`;
  }, []);
  return [id, go];
}

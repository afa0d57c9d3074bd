// A team server knows people by their own tokens: the gate takes the token, checks it with /api/me and
// only then keeps it, so a typo is caught here rather than on the first write.
import { useState } from 'react';
import { ApiError, whoAmI } from '../api/index.ts';
import type { Environment } from '../env.ts';

interface Props {
  env: Environment;
  /** The server refused the token the page had (replaced, revoked). */
  refused: string | null;
  onToken: (token: string) => void;
}

export function TokenGate({ env, refused, onToken }: Props) {
  const [token, setToken] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async (): Promise<void> => {
    const t = token.trim();
    if (!t || busy) return;
    setBusy(true);
    setError(null);
    try {
      const me = await whoAmI({ ...env, token: t, tokenSource: 'signed-in' });
      if (me.mode === 'team' && me.person) onToken(t);
      else setError('That token is the team-wide one, which names nobody. Use your own: npx mentat people token YOUR-NAME.');
    } catch (e) {
      setError(e instanceof ApiError && e.status === 401
        ? 'The server did not accept that token. It may have been replaced by a newer one; ask for a fresh one (npx mentat people token YOUR-NAME).'
        : e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <main className="gate">
      <h1>Mentat</h1>
      <p>This is a team server: it knows each person by their own token, and everything you do here is recorded under it.</p>
      <p className="hint">
        Whoever runs the server prints yours with <code>npx mentat people token YOUR-NAME</code> (it is shown once; running it again replaces it).
      </p>
      {refused && env.tokenSource !== 'bridge' && <p role="alert" className="error">Your saved token no longer works: {refused}</p>}
      {env.tokenSource === 'bridge' && <p role="alert" className="error">The desktop app's token was refused by the server. Check the server address and token in the app's settings.</p>}
      <form onSubmit={(e) => { e.preventDefault(); void submit(); }}>
        <label htmlFor="your-token">Your Mentat token</label>
        <input id="your-token" type="password" autoFocus autoComplete="off" spellCheck={false} value={token} onChange={(e) => setToken(e.target.value)} />
        <button type="submit" className="primary" disabled={busy || !token.trim()}>{busy ? 'Checking…' : 'Sign in'}</button>
      </form>
      {error && <p role="alert" className="error">{error}</p>}
    </main>
  );
}

// The top bar's "who am I": the person and their roles, with Sign out (team) or Change (solo).
import { useSession } from './session.ts';

export function SignedInAs() {
  const { name, roles, mode, signOut } = useSession();
  const roleText = roles.length ? roles.join(', ') : 'no role';
  return (
    <>
      <span className="me" title={mode === 'team' ? 'Signed in with your token' : 'Your name on actions'}>
        <span className="visually-hidden">Signed in as </span>{name} <span className="roles">· {roleText}</span>
      </span>
      {signOut && (
        <button type="button" className="link" onClick={signOut} aria-label={mode === 'team' ? 'Sign out' : 'Change your name'}>
          {mode === 'team' ? 'Sign out' : 'Change'}
        </button>
      )}
    </>
  );
}

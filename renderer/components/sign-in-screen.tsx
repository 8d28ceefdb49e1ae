import { useState, type FormEvent } from 'react';
import { useConnectionStore } from '../stores/connection-store.ts';
import { Field } from './field.tsx';
import { LogoMark } from './icons.tsx';

/**
 * Shown when the headless host wants a sign-in: a user name and password, or else the link
 * `wardflux serve` printed (whole, or its secret) or an API token, exchanged for a session cookie.
 * The host's refusal (a wrong password, a lock-out with its wait) is shown as it said it.
 */
export function SignInScreen() {
  const signIn = useConnectionStore((s) => s.signIn);
  const signInWithPassword = useConnectionStore((s) => s.signInWithPassword);
  const hostMessage = useConnectionStore((s) => s.message);
  const [user, setUser] = useState('');
  const [password, setPassword] = useState('');
  const [secret, setSecret] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ on: 'password' | 'link'; message: string }>();
  const withLink = secret.trim() !== '';

  async function submit(event: FormEvent): Promise<void> {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    const verdict = withLink ? await signIn(secret) : await signInWithPassword(user, password);
    setBusy(false);
    if (!verdict.ok) setError({ on: withLink ? 'link' : 'password', message: verdict.message ?? 'The host did not accept that sign-in.' });
    else setPassword('');
  }

  return (
    <main className="sign-in">
      <form className="sign-in-card" onSubmit={(e) => void submit(e)} aria-labelledby="sign-in-title" noValidate>
        <div className="brand brand-large">
          <LogoMark width={40} height={40} />
          <span className="brand-name">WARD FLUX</span>
        </div>
        <h1 id="sign-in-title" className="sign-in-title">
          Sign in to this engine
        </h1>
        <Field label="User name">
          <input autoComplete="username" spellCheck={false} value={user} onChange={(e) => setUser(e.target.value)} autoFocus />
        </Field>
        <Field label="Password" error={error?.on === 'password' ? error.message : undefined}>
          <input type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} />
        </Field>
        <p className="muted">
          Or open the sign-in link that <code>wardflux serve</code> printed in its terminal, or paste it or an API token (<code>wardflux token create</code>) here.
        </p>
        <Field label="Sign-in link or access token" error={error?.on === 'link' ? error.message : error ? undefined : hostMessage}>
          <input type="password" autoComplete="off" spellCheck={false} value={secret} onChange={(e) => setSecret(e.target.value)} />
        </Field>
        <button type="submit" className="btn btn-primary btn-block" disabled={busy || (!withLink && (!user.trim() || !password))} aria-busy={busy}>
          Sign in
        </button>
      </form>
    </main>
  );
}

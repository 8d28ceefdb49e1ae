import { useState, type FormEvent } from 'react';
import { useConnectionStore } from '../stores/connection-store.ts';
import { Field } from './field.tsx';
import { LogoMark } from './icons.tsx';

/** Shown when the headless host requires a token: paste it once, kept for this browser tab. */
export function SignInScreen() {
  const signIn = useConnectionStore((s) => s.signIn);
  const hostMessage = useConnectionStore((s) => s.message);
  const [token, setToken] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  async function submit(event: FormEvent): Promise<void> {
    event.preventDefault();
    setBusy(true);
    const verdict = await signIn(token);
    setBusy(false);
    if (!verdict.ok) setError(verdict.message ?? 'The access token was not accepted.');
  }

  return (
    <main className="sign-in">
      <form className="sign-in-card" onSubmit={(e) => void submit(e)} aria-labelledby="sign-in-title">
        <div className="brand brand-large">
          <LogoMark width={40} height={40} />
          <span className="brand-name">WARD FLUX</span>
        </div>
        <h1 id="sign-in-title" className="sign-in-title">
          Sign in to this engine
        </h1>
        <p className="muted">
          This WARD FLUX host requires an access token. Create one on the host with <code>wardflux token create</code> and paste it here.
        </p>
        <Field label="Access token" error={error ?? hostMessage}>
          <input type="password" autoComplete="off" spellCheck={false} value={token} onChange={(e) => setToken(e.target.value)} autoFocus />
        </Field>
        <button type="submit" className="btn btn-primary btn-block" disabled={busy || !token.trim()} aria-busy={busy}>
          Sign in
        </button>
      </form>
    </main>
  );
}

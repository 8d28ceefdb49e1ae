import { useState, type FormEvent } from 'react';
import { useConnectionStore } from '../stores/connection-store.ts';
import { Field } from './field.tsx';
import { LogoMark } from './icons.tsx';

/**
 * Shown when the headless host wants a sign-in: the link `wardflux serve` printed (whole, or its
 * secret) or an API token, exchanged for a session cookie; the host's refusal is shown as it said it.
 */
export function SignInScreen() {
  const signIn = useConnectionStore((s) => s.signIn);
  const hostMessage = useConnectionStore((s) => s.message);
  const [secret, setSecret] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  async function submit(event: FormEvent): Promise<void> {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    const verdict = await signIn(secret);
    setBusy(false);
    if (!verdict.ok) setError(verdict.message ?? 'The host did not accept that sign-in link or token.');
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
        <p className="muted">
          Open the sign-in link that <code>wardflux serve</code> printed in its terminal, or paste an API token (<code>wardflux token create</code>).
        </p>
        <Field label="Sign-in link or access token" error={error ?? hostMessage}>
          <input type="password" autoComplete="off" spellCheck={false} value={secret} onChange={(e) => setSecret(e.target.value)} autoFocus />
        </Field>
        <button type="submit" className="btn btn-primary btn-block" disabled={busy || !secret.trim()} aria-busy={busy}>
          Sign in
        </button>
      </form>
    </main>
  );
}

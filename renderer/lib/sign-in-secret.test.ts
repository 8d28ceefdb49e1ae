import { describe, expect, it } from 'vitest';
import { signInSecret } from './sign-in-secret.ts';

describe('signInSecret', () => {
  it('takes a pasted token as it is, without surrounding blanks', () => {
    expect(signInSecret('  wf_abc-DEF_123 \n')).toBe('wf_abc-DEF_123');
  });

  it('takes the login secret out of a whole pasted sign-in link', () => {
    expect(signInSecret('http://127.0.0.1:7040/#token=Zm9vYmFy-_x')).toBe('Zm9vYmFy-_x');
    expect(signInSecret(' https://wardflux.example:8443/#token=wf_tok%2Dx&x=1 ')).toBe('wf_tok-x');
  });

  it('keeps a broken escape as it was, and gives nothing for a link without a secret', () => {
    expect(signInSecret('http://127.0.0.1:7040/#token=ab%zz')).toBe('ab%zz');
    expect(signInSecret('http://127.0.0.1:7040/#token=')).toBe('');
  });
});

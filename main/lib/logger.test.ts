import { describe, expect, it } from 'vitest';
import { createLogger } from './logger.ts';

describe('logger', () => {
  it('redacts secrets wherever they sit in a log line', () => {
    const lines: string[] = [];
    const logger = createLogger({ level: 'info', destination: { write: (s: string) => lines.push(s) } });
    logger.info({ community: 'c0mmunity', credential: { authKey: 'auth-key-1', privKey: 'priv-key-1' }, req: { headers: { token: 'wf_tok' } }, device: 'core-1' }, 'polled');
    const text = lines.join('');
    for (const secret of ['c0mmunity', 'auth-key-1', 'priv-key-1', 'wf_tok']) expect(text).not.toContain(secret);
    expect(JSON.parse(text)).toMatchObject({ msg: 'polled', device: 'core-1', community: '[redacted]', credential: { authKey: '[redacted]' } });
  });
});

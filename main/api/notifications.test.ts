import { describe, expect, it } from 'vitest';
import { EmailSettingsInput } from './notifications.ts';

const email = (host: string) => EmailSettingsInput.safeParse({ host, from: 'noc@example.com', to: ['ops@example.com'] });

describe('SMTP host (the one host-name rule of main/net/, or an IP address)', () => {
  it('takes host names and IP addresses', () => {
    for (const h of ['smtp.example.com', 'smtp.example.com.', 'localhost', '127.0.0.1', '::1', '2001:db8::25']) expect(email(h).success, h).toBe(true);
  });

  it('refuses what is neither', () => {
    for (const h of ['smtp_relay.example', '10.1', '999.1.1.1', 'a..b', '-smtp.example', 'smtp example']) {
      expect(email(h).error?.issues.map((i) => i.message), h).toEqual(['SMTP host must be a host name or an IP address']);
    }
  });
});

import type { Handlers } from '../../api/dispatcher.ts';
import { ValidationError } from '../../errors.ts';
import type { Logger } from '../../lib/logger.ts';
import { createSnmpClient } from '../../snmp/client.ts';
import type { SnmpCredential } from '../../snmp/credentials.ts';
import { testCredential } from './credential-test.ts';

/** `credentials.test` over a stored credential (resolved with its secrets) or a typed one, never stored. */
export function createCredentialTestHandler(d: { credentials: { resolve(id: string): SnmpCredential & { id: string } }; logger: Logger }): Pick<Handlers, 'credentials.test'> {
  return {
    'credentials.test': async ({ address, credentialId, credential, timeoutMs }, ctx) => {
      let c: SnmpCredential;
      if (credentialId !== undefined) {
        try {
          c = d.credentials.resolve(credentialId);
        } catch {
          throw new ValidationError(`No stored credential ${credentialId}`, [{ path: 'credentialId', message: 'Unknown credential' }]);
        }
      } else if (credential) c = credential;
      else throw new ValidationError('Give either a stored credential or a credential to try');
      // A client of its own for this one request, closed after: discovery's code, not the poller's sockets.
      const client = createSnmpClient({ logger: d.logger });
      try {
        return await testCredential(client, address, c, { timeoutMs, ...(ctx.signal ? { signal: ctx.signal } : {}) });
      } finally {
        client.close();
      }
    },
  };
}

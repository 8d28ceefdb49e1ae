import type { Handlers } from '../api/dispatcher.ts';
import { ValidationError } from '../errors.ts';
import type { Clock } from '../lib/clock.ts';
import type { Logger } from '../lib/logger.ts';
import { probeTemplate } from '../monitoring/template-probe.ts';
import { createSnmpClient } from '../snmp/client.ts';
import type { SnmpCredential } from '../snmp/credentials.ts';
import type { TemplatesRepo } from './templates-repo.ts';
import { importZabbixExport } from './zabbix-import/import-export.ts';

type ImportHandlers = Pick<Handlers, 'templates.import' | 'templates.test'>;

/** templates.import (a Zabbix export → user templates, with the report) and templates.test (poll once). */
export function createTemplateImportHandlers(d: {
  templates: TemplatesRepo;
  credentials: { resolve(id: string): SnmpCredential & { id: string } };
  clock: Clock;
  logger: Logger;
}): ImportHandlers {
  return {
    'templates.import': ({ content, name, dryRun }) => importZabbixExport(content, d.templates, { name, dryRun }),
    'templates.test': async ({ templateId, address, credentialIds }) => {
      const template = d.templates.resolved(templateId);
      const credentials = credentialIds.map((id, i) => {
        try {
          return d.credentials.resolve(id);
        } catch {
          throw new ValidationError(`No stored credential ${id}`, [{ path: `credentialIds.${i}`, message: 'Unknown credential' }]);
        }
      });
      // A client of its own for this one poll, closed after: the poller's code, not its sockets.
      const client = createSnmpClient({ logger: d.logger });
      try {
        return await probeTemplate(template, address, credentials, { client, clock: d.clock, logger: d.logger });
      } finally {
        client.close();
      }
    },
  };
}

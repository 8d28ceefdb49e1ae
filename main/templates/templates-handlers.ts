import type { Handlers } from '../api/dispatcher.ts';
import type { Monitoring } from '../monitoring/monitoring.ts';
import type { SettingsRepo } from '../store/settings-repo.ts';
import { FALLBACK_TEMPLATE_ID } from './builtin.ts';
import { pickTemplate } from './pick.ts';
import type { TemplatesRepo } from './templates-repo.ts';

type TemplateHandlers = Pick<
  Handlers,
  'templates.list' | 'templates.get' | 'templates.create' | 'templates.update' | 'templates.delete' | 'templates.duplicate' | 'templates.apply' | 'templates.unapply' | 'templates.pick'
>;

/** Handlers of the template procedures, spread into the engine's handler map. */
export function createTemplatesHandlers(d: { templates: TemplatesRepo; monitoring: Monitoring; settings: SettingsRepo }): TemplateHandlers {
  const { templates, monitoring, settings } = d;
  const snmpInterval = () => settings.get().snmpIntervalSec;
  return {
    'templates.list': () => templates.list(),
    'templates.get': ({ id }) => templates.get(id),
    'templates.create': (body) => templates.create(body),
    'templates.update': ({ id, template }) => {
      const updated = templates.update(id, template);
      // Devices using it, or a template that includes it, get the new items at once.
      let changed = false;
      for (const tid of [id, ...templates.includersOf(id)]) {
        const deviceIds = monitoring.items.devicesUsing(tid);
        if (!deviceIds.length) continue;
        monitoring.items.apply(templates.resolved(tid), deviceIds, snmpInterval());
        changed = true;
      }
      if (changed) monitoring.reload();
      return updated;
    },
    'templates.delete': ({ id }) => {
      templates.delete(id);
      return { id };
    },
    'templates.duplicate': ({ id, name }) => templates.duplicate(id, name),
    'templates.apply': ({ templateId, deviceIds }) => {
      const result = monitoring.items.apply(templates.resolved(templateId), deviceIds, snmpInterval());
      monitoring.reload();
      return result;
    },
    'templates.unapply': ({ templateId, deviceIds }) => {
      templates.get(templateId);
      const devices = monitoring.items.unapply(templateId, deviceIds);
      monitoring.reload();
      return { devices };
    },
    'templates.pick': ({ sysObjectId, sysDescr, osFamily, os, vendor, type }) => pickTemplate(templates.all(), sysObjectId, sysDescr, FALLBACK_TEMPLATE_ID, { osFamily, os, vendor, type }),
  };
}

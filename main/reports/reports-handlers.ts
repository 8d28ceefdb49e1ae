/** The contract's `reports.*` and `sites.*` procedures. */
import type { Handlers } from '../api/dispatcher.ts';
import type { ReportService } from './report-service.ts';
import type { SitesRepo } from './sites-repo.ts';

type ReportsHandlers = Pick<
  Handlers,
  'reports.generate' | 'reports.list' | 'reports.get' | 'reports.preview' | 'reports.download' | 'reports.delete' | 'sites.list' | 'sites.create' | 'sites.update' | 'sites.delete' | 'sites.assignDevices'
>;

export function createReportsHandlers(d: { reports: ReportService; sites: SitesRepo }): ReportsHandlers {
  const r = d.reports;
  return {
    'reports.generate': (input) => ({ reportId: r.generate(input) }),
    'reports.list': ({ limit }) => ({ items: r.list(limit) }),
    'reports.get': ({ id }) => r.get(id),
    'reports.preview': ({ id }) => ({ id, html: r.preview(id) }),
    'reports.download': ({ id }) => {
      const { meta, data } = r.content(id);
      const binary = meta.format === 'pdf';
      return { id, filename: meta.filename, mimeType: meta.mimeType, encoding: binary ? ('base64' as const) : ('utf8' as const), content: data.toString(binary ? 'base64' : 'utf8') };
    },
    'reports.delete': ({ id }) => {
      r.delete(id);
      return { id };
    },
    'sites.list': () => d.sites.list(),
    'sites.create': (input) => d.sites.create(input),
    'sites.update': (input) => d.sites.update(input),
    'sites.delete': ({ id }) => {
      d.sites.delete(id);
      return { id };
    },
    'sites.assignDevices': ({ siteId, deviceIds }) => ({ siteId, moved: d.sites.assignDevices(siteId, deviceIds) }),
  };
}

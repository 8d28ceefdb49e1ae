/** The discovery.* procedures, spread into the engine's handler map. */
import type { Handlers } from '../api/dispatcher.ts';
import type { DiscoveryService } from './jobs/discovery-service.ts';
import { planTargets, type TargetOptions } from './target-plan.ts';

type DiscoveryHandlers = Pick<Handlers, 'discovery.validateTargets'>;
type DiscoveryJobHandlers = Pick<
  Handlers,
  'discovery.start' | 'discovery.cancel' | 'discovery.list' | 'discovery.get' | 'discovery.diff' | 'discovery.addToMonitoring' | 'discovery.export'
>;

/** `options` lets tests (and later settings) set the resolver, local networks and limits. */
export function createDiscoveryHandlers(options: Omit<TargetOptions, 'confirmLarge' | 'resolveHostnames'> = {}): DiscoveryHandlers {
  return {
    'discovery.validateTargets': async ({ targets, exclusions, confirmLarge, resolveHostnames }) => {
      const plan = await planTargets(targets, exclusions, { ...options, confirmLarge, resolveHostnames });
      return {
        ok: plan.ok,
        count: plan.count,
        ipv4Count: plan.ipv4Count,
        ipv6Count: plan.ipv6Count,
        issues: plan.issues,
        targets: plan.targets,
        exclusions: plan.exclusions,
      };
    },
  };
}

/** The job procedures: thin, the service does the work. */
export function createDiscoveryJobHandlers(service: DiscoveryService): DiscoveryJobHandlers {
  return {
    'discovery.start': ({ communities, ...input }) =>
      service.start(input, communities.length ? { credentials: communities.map((community) => ({ version: '2c', community })), label: 'this scan' } : {}),
    'discovery.cancel': ({ jobId }) => service.cancel(jobId),
    'discovery.list': ({ limit, offset }) => service.list(limit, offset),
    'discovery.get': (input) => service.get(input),
    'discovery.diff': ({ jobId, previousJobId }) => service.diff(jobId, previousJobId),
    'discovery.addToMonitoring': ({ jobId, addresses, includeSelf }) => service.addToMonitoring(jobId, addresses, { includeSelf }),
    'discovery.export': ({ jobId, format }) => service.export(jobId, format),
  };
}

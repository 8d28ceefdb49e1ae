/** The discovery.* procedures, spread into the engine's handler map. */
import type { Handlers } from '../api/dispatcher.ts';
import { planTargets, type TargetOptions } from './targets.ts';

type DiscoveryHandlers = Pick<Handlers, 'discovery.validateTargets'>;

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

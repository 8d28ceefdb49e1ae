/** The topology.* procedures (api/topology.ts). */
import type { Handlers } from '../api/dispatcher.ts';
import type { TopologyService } from './topology-service.ts';

type TopologyHandlers = Pick<Handlers, 'topology.get' | 'topology.savePositions' | 'topology.resetPositions' | 'topology.export'>;

export function createTopologyHandlers(topology: TopologyService): TopologyHandlers {
  return {
    'topology.get': ({ unknownHosts, jobId }) => topology.get({ unknownHosts, jobId }),
    'topology.savePositions': ({ positions }) => ({ saved: topology.positions.save(positions) }),
    'topology.resetPositions': ({ keys }) => ({ removed: topology.positions.reset(keys) }),
    'topology.export': ({ format, theme, jobId }) => topology.export(format, theme, jobId),
  };
}

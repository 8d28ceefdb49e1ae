/**
 * Test helper: a recording of a real switch (test/fixtures/l2/<name>.snmprec) served by the fake
 * agent on 127.0.0.1, and an L2Walker on a real SNMP session to it.
 */
import path from 'node:path';
import { createSnmpClient, type SnmpClient, type SnmpCredential } from '../../snmp/index.ts';
import { startFakeAgent, type FakeAgent } from '../../snmp/testing/fake-agent.ts';
import fs from 'node:fs';
import { parseSnmprecText } from '../../snmp/testing/snmprec-text.ts';
import { createSessionWalker } from '../session-walker.ts';
import type { L2Walker } from '../walker.ts';

export const L2_FIXTURES = path.resolve(import.meta.dirname, '../../../test/fixtures/l2');

export interface ServedRecording {
  agent: FakeAgent;
  client: SnmpClient;
  walker: L2Walker;
  credential: SnmpCredential;
  close(): Promise<void>;
}

/** Serves `name` (v2c, community public); `vlans` serves more recordings as community public@<vlan> on their own agents. */
export interface ServeOptions {
  /** Recordings served as community public@<vlan> (Cisco's per-VLAN bridge instances). */
  vlans?: Record<number, string>;
  maxRequests?: number;
  timeoutMs?: number;
  /** Changes the recording's lines before it is served (a broken table on purpose). */
  edit?: (lines: string[]) => string[];
}

/** The lines of a recording (header included). */
export function recordingLines(name: string): string[] {
  return fs.readFileSync(path.join(L2_FIXTURES, `${name}.snmprec`), 'utf8').split(/\r?\n/);
}

export async function serveRecording(name: string, options: ServeOptions = {}): Promise<ServedRecording> {
  const lines = recordingLines(name);
  const agent = await startFakeAgent(parseSnmprecText((options.edit ? options.edit(lines) : lines).join('\n')));
  const vlanAgents = new Map<string, FakeAgent>();
  for (const [vlan, file] of Object.entries(options.vlans ?? {})) vlanAgents.set(`public@${vlan}`, await startFakeAgent(parseSnmprecText(recordingLines(file).join('\n')), `public@${vlan}`));
  const client = createSnmpClient({ sockets: 1, defaults: { timeoutMs: 1000, retries: 0 } });
  const credential: SnmpCredential = { version: '2c', community: 'public' };
  const session = await client.session({ host: '127.0.0.1', port: agent.port }, credential);
  const walker = createSessionWalker({
    session,
    timeoutMs: options.timeoutMs ?? 1000,
    retries: 0,
    ...(options.maxRequests === undefined ? {} : { maxRequests: options.maxRequests }),
    // The per-VLAN instances (only when asked for): the community names the agent; a real switch has them all on one port.
    ...(options.vlans
      ? {
          open: async (c: SnmpCredential) => {
            const a = c.version !== '3' ? vlanAgents.get(c.community) : undefined;
            return client.session({ host: '127.0.0.1', port: a?.port ?? agent.port }, c);
          },
        }
      : {}),
  });
  return {
    agent,
    client,
    walker,
    credential,
    async close() {
      client.close();
      await agent.close();
      for (const a of vlanAgents.values()) await a.close();
    },
  };
}

/**
 * The neighbour table after a sweep: pinging lab hosts from the root namespace leaves their MAC
 * addresses in the root namespace's ARP table. All lab hosts are addresses on the same lab veth,
 * so they share one MAC (the lab end of the veth) — expected in the lab; on a real LAN each host
 * has its own. An empty address never gets a usable entry.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { readNeighbors } from '../../main/discovery/neighbors.ts';
import { planTargets } from '../../main/discovery/target-plan.ts';
import { createLab, type Lab } from './create-lab.ts';
import { describeLab } from './describe-lab.ts';
import { rawPing } from './raw-ping.ts';

describeLab('discovery: neighbour table', () => {
  let lab: Lab;
  let labMac: string;

  beforeAll(async () => {
    lab = await createLab({ name: 'disc-neigh', probe: 'root', hosts: [{ name: 'a' }, { name: 'b' }, { name: 'c' }] });
    const link = await lab.execInLab('ip', ['-j', 'link', 'show', 'dev', `wfl${lab.subnet}l`]);
    labMac = (JSON.parse(link.stdout) as { address: string }[])[0]!.address.toLowerCase();
  });

  afterAll(() => lab?.destroy());

  it('has the MAC of every pinged lab host, and nothing for an empty address', async () => {
    for (const address of Object.values(lab.hosts)) expect((await rawPing(address, 1000)).rttMs, address).not.toBeNull();
    const base = lab.prefix.split('/')[0]!.split('.').slice(0, 3).join('.');
    const empty = `${base}.77`;
    expect((await rawPing(empty, 300)).rttMs).toBeNull();

    const { neighbors, source } = await readNeighbors();
    expect(source).toBe('ip');
    // Keep what belongs to the sweep, as the orchestration will.
    const plan = await planTargets([lab.prefix], [], { localNetworks: [] });
    const inLab = neighbors.filter((n) => plan.contains(n.address));
    for (const address of Object.values(lab.hosts)) {
      expect(inLab.find((n) => n.address === address), address).toMatchObject({ mac: labMac, interface: `wfl${lab.subnet}p`, family: 4 });
    }
    expect(inLab.find((n) => n.address === empty)).toBeUndefined();

    // The /proc/net/arp fallback sees the same hosts.
    const proc = await readNeighbors({ family: 4, run: () => Promise.reject(new Error('no ip')) });
    expect(proc.source).toBe('proc');
    for (const address of Object.values(lab.hosts)) expect(proc.neighbors.find((n) => n.address === address)?.mac).toBe(labMac);
  });
});

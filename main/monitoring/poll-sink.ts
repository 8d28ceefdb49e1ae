/**
 * The one place a poll's result goes (see poll-executor.ts): its samples through the metrics
 * writer, whether the device answered into the availability state machine (availability.ts), an
 * ICMP check's probes into the loss window (loss-window.ts: `ping_loss_pct_5m`, `ping_rtt_ms_5m`,
 * the `availability` sample and whether the device is degraded), and
 * what the SNMP system group says the device is to the devices area (`setIdentity`, which never
 * erases what is known and emits device.updated itself). The pollers do no I/O on the store.
 */
import type { Devices, IdentityPatch } from '../devices/devices.ts';
import { classify } from '../discovery/classifier.ts';
import { inventoryOf } from '../discovery/evidence-decode.ts';
import type { Logger } from '../lib/logger.ts';
import type { MetricsWriter } from '../metrics/metrics-writer.ts';
import type { AvailabilityMachine } from './availability.ts';
import type { LossWindows } from './loss-window.ts';
import type { Poller, PollExecutor, PollJob, PollOutcome, PollResult, PollSample, SystemInfo } from './poll-executor.ts';

/** The windowed series (loss-window.ts); the window's length is a setting of the engine, the names keep the default's. */
export const WINDOWED_LOSS = 'ping_loss_pct_5m';
export const WINDOWED_RTT = 'ping_rtt_ms_5m';

export interface PollSinkOptions {
  writer: Pick<MetricsWriter, 'writeNamed'>;
  availability: Pick<AvailabilityMachine, 'observe' | 'get'>;
  /** ICMP checks' loss windows, per device. */
  lossWindows: Pick<LossWindows, 'observe' | 'reset'>;
  /** The devices area's identity write (main/devices/); without it identity is dropped. */
  devices?: Pick<Devices, 'setIdentity'>;
  logger: Logger;
}

export interface PollSink {
  /** Writes one poll's result. Returns a problem to report as the poll's outcome, if writing its samples failed. */
  accept(job: Pick<PollJob, 'deviceId' | 'protocol'>, result: PollResult): string | undefined;
}

/**
 * A device's identity from its system group. SNMP alone may know less than the scan that added
 * the device (ports, MAC vendor): a field the classifier leaves empty is left out (keeps its
 * value), and type 'unknown' does not replace a known type. sysName, sysLocation and sysObjectID
 * are taken as read. The inventory (serial, firmware, hardware revision, the chassis model when
 * the classifier names none) comes from the evidence read with the system group; what it lacks
 * is left out too.
 */
export function identityPatch(info: SystemInfo): Partial<IdentityPatch> {
  const c = classify({ sysObjectID: info.sysObjectID, sysDescr: info.sysDescr, sysServices: info.sysServices, evidence: info.evidence ?? null });
  const inv = inventoryOf(info.evidence);
  const model = c.model ?? inv.model;
  return {
    ...(c.type !== 'unknown' ? { type: c.type } : {}),
    ...(c.vendor ? { vendor: c.vendor } : {}),
    ...(model ? { model } : {}),
    ...(inv.serial ? { serial: inv.serial } : {}),
    ...(inv.firmware ? { firmware: inv.firmware } : {}),
    ...(inv.hardwareRev ? { hardwareRev: inv.hardwareRev } : {}),
    ...(c.os ? { os: c.os } : {}),
    ...(c.osVersion ? { osVersion: c.osVersion } : {}),
    sysName: info.sysName,
    location: info.sysLocation,
    sysObjectID: info.sysObjectID,
  };
}

export function createPollSink(o: PollSinkOptions): PollSink {
  const { logger } = o;
  return {
    accept(job, result) {
      const { deviceId, protocol } = job;
      const samples: PollSample[] = [...result.samples];
      if (result.probes && result.reachability) {
        // ICMP: the window says degraded (hysteresis), the state machine says up or down.
        const r = result.reachability;
        const labels = { device: deviceId };
        const w = o.lossWindows.observe(deviceId, { at: r.at, ...result.probes });
        o.availability.observe(deviceId, protocol, { answered: r.answered, at: r.at, ...(w.degraded ? { degraded: true } : {}) });
        const down = o.availability.get(deviceId, protocol).status === 'down';
        if (down) o.lossWindows.reset(deviceId);
        samples.push({ name: 'availability', labels, ts: r.at, value: !r.answered ? 0 : w.degraded ? 0.5 : 1 });
        if (w.figures) {
          samples.push({ name: WINDOWED_LOSS, labels, ts: r.at, value: w.figures.lossPct });
          if (w.figures.rttMs !== null) samples.push({ name: WINDOWED_RTT, labels, ts: r.at, value: w.figures.rttMs });
        }
      } else if (result.reachability) o.availability.observe(deviceId, protocol, result.reachability);
      if (result.identity && o.devices) {
        try {
          const device = o.devices.setIdentity(deviceId, identityPatch(result.identity));
          if (device) logger.info({ deviceId, type: device.type, vendor: device.vendor, model: device.model }, 'device identity updated');
        } catch (err) {
          logger.debug({ err, deviceId }, 'device identity not stored');
        }
      }
      let problem: string | undefined;
      for (const s of samples) {
        try {
          o.writer.writeNamed(s.name, s.labels, s.ts, s.value);
        } catch (err) {
          // A bad series name or label (a template's key): the poll reports it, the other samples are kept.
          problem ??= `sample ${s.name} not written: ${err instanceof Error ? err.message : String(err)}`;
        }
      }
      return problem;
    },
  };
}

/** Plugs a poller into the scheduler: each result goes through the sink, the scheduler gets the outcome. */
export function throughSink(poller: Poller, sink: PollSink): PollExecutor {
  return {
    protocol: poller.protocol,
    async poll(job): Promise<PollOutcome> {
      const result = await poller.poll(job);
      const problem = sink.accept(job, result);
      if (problem) return { status: 'error', message: problem };
      return { status: result.status, ...(result.message !== undefined ? { message: result.message } : {}) };
    },
  };
}

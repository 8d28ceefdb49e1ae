import { z } from 'zod';

export const MonitoringMode = z.enum(['standalone', 'zabbix', 'hybrid']);

const fields = {
  monitoringMode: MonitoringMode,
  icmpIntervalSec: z.number().int().min(5, 'At least 5 seconds').max(3600, 'At most one hour'),
  snmpIntervalSec: z.number().int().min(10, 'At least 10 seconds').max(3600, 'At most one hour'),
  /** Echo requests per ICMP check. */
  icmpProbeCount: z.number().int().min(1, 'At least 1 probe').max(20, 'At most 20 probes'),
  /** Failed ICMP checks in a row before a device is down (up again after one good check). */
  icmpDownAfter: z.number().int().min(1, 'At least 1 check').max(20, 'At most 20 checks'),
  siteName: z.string().trim().max(128),
  technician: z.string().trim().max(128),
};

/** Engine-wide settings with their defaults. */
export const Settings = z.object({
  monitoringMode: fields.monitoringMode.default('standalone'),
  icmpIntervalSec: fields.icmpIntervalSec.default(30),
  snmpIntervalSec: fields.snmpIntervalSec.default(60),
  icmpProbeCount: fields.icmpProbeCount.default(3),
  icmpDownAfter: fields.icmpDownAfter.default(2),
  siteName: fields.siteName.default(''),
  technician: fields.technician.default(''),
});
export type Settings = z.infer<typeof Settings>;

export const SettingsPatch = z.strictObject(fields).partial();

export const settingsProcedures = {
  'settings.get': { summary: 'All settings, defaults filled in', input: z.strictObject({}).default({}), output: Settings },
  'settings.set': { summary: 'Change some settings', input: SettingsPatch, output: Settings },
} as const;

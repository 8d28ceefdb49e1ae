import { z } from 'zod';

export const MonitoringMode = z.enum(['standalone', 'zabbix', 'hybrid']);

const fields = {
  monitoringMode: MonitoringMode,
  icmpIntervalSec: z.number().int().min(5, 'At least 5 seconds').max(3600, 'At most one hour'),
  snmpIntervalSec: z.number().int().min(10, 'At least 10 seconds').max(3600, 'At most one hour'),
  siteName: z.string().trim().max(128),
  technician: z.string().trim().max(128),
};

/** Engine-wide settings with their defaults. */
export const Settings = z.object({
  monitoringMode: fields.monitoringMode.default('standalone'),
  icmpIntervalSec: fields.icmpIntervalSec.default(30),
  snmpIntervalSec: fields.snmpIntervalSec.default(60),
  siteName: fields.siteName.default(''),
  technician: fields.technician.default(''),
});
export type Settings = z.infer<typeof Settings>;

export const SettingsPatch = z.strictObject(fields).partial();

export const settingsProcedures = {
  'settings.get': { summary: 'All settings, defaults filled in', input: z.strictObject({}).default({}), output: Settings },
  'settings.set': { summary: 'Change some settings', input: SettingsPatch, output: Settings },
} as const;

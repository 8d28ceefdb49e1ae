import type { Scope } from '../../main/api/alerts.ts';
import { useDevicesStore } from '../stores/devices-store.ts';
import { useTemplatesStore } from '../stores/templates-store.ts';
import { Field } from './field.tsx';

/** Which devices a rule or a maintenance window covers: all, one device, a tag or a template. */
export function ScopeFields({ scope, onChange, error }: { scope: Scope; onChange(scope: Scope): void; error?: string | undefined }) {
  const devices = useDevicesStore((s) => s.items);
  const templates = useTemplatesStore((s) => s.items);
  return (
    <div className="form-grid">
      <Field label="Applies to" error={error}>
        <select
          value={scope.type}
          onChange={(e) => {
            const type = e.target.value as Scope['type'];
            if (type === 'all') onChange({ type });
            else if (type === 'device') onChange({ type, deviceId: devices[0]?.id ?? '' });
            else if (type === 'tag') onChange({ type, tag: '' });
            else onChange({ type, templateId: templates[0]?.id ?? '' });
          }}
        >
          <option value="all">All devices</option>
          <option value="device">One device</option>
          <option value="tag">Devices with a tag</option>
          <option value="template">Devices using a template</option>
        </select>
      </Field>
      {scope.type === 'device' ? (
        <Field label="Device">
          {devices.length > 500 ? (
            <input type="text" list="scope-devices" value={devices.find((d) => d.id === scope.deviceId)?.name ?? ''} onChange={(e) => onChange({ type: 'device', deviceId: devices.find((d) => d.name === e.target.value)?.id ?? '' })} />
          ) : (
            <select value={scope.deviceId} onChange={(e) => onChange({ type: 'device', deviceId: e.target.value })}>
              {devices.length === 0 ? <option value="">No devices yet</option> : null}
              {devices.map((d) => (
                <option key={d.id} value={d.id}>
                  {d.name} ({d.address})
                </option>
              ))}
            </select>
          )}
        </Field>
      ) : null}
      {scope.type === 'tag' ? (
        <Field label="Tag">
          <input type="text" value={scope.tag} onChange={(e) => onChange({ type: 'tag', tag: e.target.value })} spellCheck={false} placeholder="core" />
        </Field>
      ) : null}
      {scope.type === 'template' ? (
        <Field label="Template">
          <select value={scope.templateId} onChange={(e) => onChange({ type: 'template', templateId: e.target.value })}>
            {templates.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </select>
        </Field>
      ) : null}
      {devices.length > 500 ? (
        <datalist id="scope-devices">
          {devices.slice(0, 2000).map((d) => (
            <option key={d.id} value={d.name} />
          ))}
        </datalist>
      ) : null}
    </div>
  );
}

export function describeScope(scope: Scope, deviceName: (id: string) => string | undefined): string {
  switch (scope.type) {
    case 'all':
      return 'All devices';
    case 'device':
      return deviceName(scope.deviceId) ?? 'A deleted device';
    case 'tag':
      return `Tag ${scope.tag}`;
    case 'template':
      return `Template ${scope.templateId}${scope.itemKey ? ` (${scope.itemKey})` : ''}`;
  }
}

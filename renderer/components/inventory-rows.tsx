/** A device's inventory (serial number, firmware, hardware revision) as rows of an identity list (`<dl>`). */
export interface InventoryFacts {
  serial?: string | null | undefined;
  firmware?: string | null | undefined;
  hardwareRev?: string | null | undefined;
}

const ROWS: [keyof InventoryFacts, string][] = [
  ['serial', 'Serial'],
  ['firmware', 'Firmware'],
  ['hardwareRev', 'HW revision'],
];

export function InventoryRows({ facts }: { facts: InventoryFacts }) {
  return (
    <>
      {ROWS.map(([key, label]) => (
        <div key={key}>
          <dt>{label}</dt>
          <dd className={facts[key] ? 'mono' : undefined}>{facts[key] || <span className="muted">—</span>}</dd>
        </div>
      ))}
    </>
  );
}

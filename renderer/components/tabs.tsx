import { useRef, type KeyboardEvent, type ReactNode } from 'react';

interface TabsProps<T extends string> {
  label: string;
  tabs: Array<{ id: T; label: string; badge?: ReactNode }>;
  current: T;
  onChange(id: T): void;
}

/** An ARIA tab list: arrow keys, Home and End move between tabs. Panels use id panel-<id>. */
export function Tabs<T extends string>({ label, tabs, current, onChange }: TabsProps<T>) {
  const list = useRef<HTMLDivElement>(null);
  function onKeyDown(event: KeyboardEvent): void {
    const i = tabs.findIndex((t) => t.id === current);
    const next = { ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: tabs.length - 1 }[event.key];
    if (next === undefined) return;
    event.preventDefault();
    const tab = tabs[(next + tabs.length) % tabs.length]!;
    onChange(tab.id);
    requestAnimationFrame(() => list.current?.querySelector<HTMLElement>(`#tab-${tab.id}`)?.focus());
  }
  return (
    <div className="tabs" role="tablist" aria-label={label} ref={list} onKeyDown={onKeyDown}>
      {tabs.map((t) => (
        <button key={t.id} id={`tab-${t.id}`} type="button" role="tab" className="tab" aria-selected={t.id === current} aria-controls={`panel-${t.id}`} tabIndex={t.id === current ? 0 : -1} onClick={() => onChange(t.id)}>
          {t.label}
          {t.badge !== undefined ? <span className="tab-count">{t.badge}</span> : null}
        </button>
      ))}
    </div>
  );
}

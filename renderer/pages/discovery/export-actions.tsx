import { useConnectionStore } from '../../stores/connection-store.ts';
import { useDiscoveryStore } from '../../stores/discovery-store.ts';
import type { Notice } from './notice.tsx';
import { saveFile } from './save-file.ts';

/** Export CSV / Export JSON of the open scan's results, saved as a file. */
export function ExportActions({ onNotice }: { onNotice(notice: Notice): void }) {
  const hasHosts = useDiscoveryStore((s) => (s.current?.hosts.length ?? 0) > 0);
  const exportResults = useDiscoveryStore((s) => s.exportResults);
  const ready = useConnectionStore((s) => s.status === 'ready');

  async function download(format: 'csv' | 'json'): Promise<void> {
    const r = await exportResults(format);
    if (r.ok) saveFile(r.file);
    else onNotice({ tone: 'error', text: `Could not export the results: ${r.message}` });
  }

  return (
    <>
      <button type="button" className="btn btn-small" onClick={() => void download('csv')} disabled={!ready || !hasHosts}>
        Export CSV
      </button>
      <button type="button" className="btn btn-small" onClick={() => void download('json')} disabled={!ready || !hasHosts}>
        Export JSON
      </button>
    </>
  );
}

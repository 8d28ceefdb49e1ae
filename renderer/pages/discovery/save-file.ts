import type { OutputOf } from '../../../main/api/contract.ts';

/** Saves text as a file through a Blob URL (works in Electron and in a browser). */
export function saveFile(file: OutputOf<'discovery.export'>): void {
  const url = URL.createObjectURL(new Blob([file.content], { type: file.mimeType }));
  const a = document.createElement('a');
  a.href = url;
  a.download = file.filename;
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

import { useState, type ReactNode } from 'react';
import { Banner } from './banner.tsx';
import { Modal } from './modal.tsx';

interface ConfirmDialogProps {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  /** Resolves with an error message to keep the dialog open and show it, or nothing to close. */
  onConfirm(): Promise<string | undefined>;
  onClose(): void;
}

/** "Are you sure?" for destructive actions; the safe choice (Cancel) has the focus. */
export function ConfirmDialog({ title, children, confirmLabel, onConfirm, onClose }: ConfirmDialogProps) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  async function confirm(): Promise<void> {
    setBusy(true);
    const problem = await onConfirm();
    setBusy(false);
    if (problem) setError(problem);
    else onClose();
  }

  return (
    <Modal title={title} onClose={onClose} size="small">
      <div className="modal-body">
        {error ? <Banner tone="error">{error}</Banner> : null}
        <div className="confirm-text">{children}</div>
      </div>
      <div className="modal-footer">
        <button type="button" className="btn" onClick={onClose} autoFocus>
          Cancel
        </button>
        <button type="button" className="btn btn-danger" onClick={() => void confirm()} disabled={busy} aria-busy={busy}>
          {confirmLabel}
        </button>
      </div>
    </Modal>
  );
}

import { EditIcon, TrashIcon } from './icons.tsx';

interface RowActionProps {
  /** The accessible name, e.g. "Edit rule High CPU": screen readers and tests find the button by it. */
  label: string;
  onClick(): void;
  disabled?: boolean;
  /** The tooltip; the bin's is "Delete" unless the action has another name (e.g. "Revoke"). */
  title?: string;
}

/** The pencil button of a table row. */
export function EditButton({ label, onClick, disabled, title = 'Edit' }: RowActionProps) {
  return (
    <button type="button" className="btn-icon" onClick={onClick} disabled={disabled} aria-label={label} title={title}>
      <EditIcon />
    </button>
  );
}

/** The bin button of a table row; the caller confirms before deleting. */
export function DeleteButton({ label, onClick, disabled, title = 'Delete' }: RowActionProps) {
  return (
    <button type="button" className="btn-icon btn-icon-danger" onClick={onClick} disabled={disabled} aria-label={label} title={title}>
      <TrashIcon />
    </button>
  );
}

/**
 * The last cell of an editable row: the pencil and the bin (labels name the row, e.g. "Edit rule
 * High CPU"). A `…Denied` reason (the role may not) disables that button and is its tooltip.
 */
export function EditDeleteCell({ editLabel, deleteLabel, onEdit, onDelete, editDenied, deleteDenied }: { editLabel: string; deleteLabel: string; onEdit(): void; onDelete(): void; editDenied?: string | undefined; deleteDenied?: string | undefined }) {
  return (
    <td className="col-actions">
      <div className="row-actions">
        <EditButton label={editLabel} onClick={onEdit} disabled={editDenied !== undefined} {...(editDenied ? { title: editDenied } : {})} />
        <DeleteButton label={deleteLabel} onClick={onDelete} disabled={deleteDenied !== undefined} {...(deleteDenied ? { title: deleteDenied } : {})} />
      </div>
    </td>
  );
}

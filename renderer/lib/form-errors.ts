import type { ErrorBody } from '../../main/api/result.ts';

/** What a failed save shows: messages next to fields, and whatever is left in a banner. */
export interface FormErrors {
  fields: Record<string, string>;
  banner?: string;
}

/**
 * Splits an engine error into per-field messages (by the first segment of each issue's path)
 * for the fields the form has, and a banner message for the rest.
 */
export function toFormErrors(error: ErrorBody, knownFields: readonly string[], describe?: (path: string, message: string) => string): FormErrors {
  const fields: Record<string, string> = {};
  const rest: string[] = [];
  for (const issue of error.issues ?? []) {
    const field = issue.path.split('.')[0] ?? '';
    const text = describe ? describe(issue.path, issue.message) : issue.message;
    if (knownFields.includes(field)) fields[field] ??= text;
    else rest.push(issue.path ? `${issue.path}: ${issue.message}` : issue.message);
  }
  if (Object.keys(fields).length === 0) return { fields, banner: error.message };
  return rest.length > 0 ? { fields, banner: rest.join('; ') } : { fields };
}

export const NO_ERRORS: FormErrors = { fields: {} };

/**
 * The errors left once the user has changed some fields: their messages go (the engine's verdict
 * was about the old value), and so does the banner, which spoke about the whole old submission.
 */
export function withoutFields(errors: FormErrors, changed: readonly string[]): FormErrors {
  const stale = changed.filter((f) => f in errors.fields);
  if (stale.length === 0 && errors.banner === undefined) return errors;
  const fields = { ...errors.fields };
  for (const f of stale) delete fields[f];
  return { fields };
}

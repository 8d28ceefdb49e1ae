import type { z } from 'zod';
import type { FieldIssue } from './result.ts';

/**
 * Turns zod issues into per-field messages a person can act on. Neutral ground: the dispatcher
 * uses it for procedure inputs, repositories and commands for what they validate themselves
 * (so the store does not import the transport layer).
 */
export function fieldIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message }));
}

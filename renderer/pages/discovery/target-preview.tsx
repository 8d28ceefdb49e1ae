import type { TargetIssue, ValidateTargetsOutput } from '../../../main/api/discovery.ts';
import { plural } from '../../lib/format.ts';

/** The engine's errors and warnings about the typed targets or exclusions, one per entry. */
export function IssueList({ issues, id }: { issues: TargetIssue[]; id: string }) {
  if (issues.length === 0) return null;
  return (
    <ul className="target-issues" id={id}>
      {issues.map((i, n) => (
        <li key={n} className={i.severity === 'error' ? 'issue-error' : 'issue-warning'}>
          <span className="issue-mark" aria-hidden="true">
            {i.severity === 'error' ? '✕' : '!'}
          </span>
          <span className="visually-hidden">{i.severity === 'error' ? 'Error: ' : 'Warning: '}</span>
          {i.target ? <span className="mono issue-target">{i.target}</span> : null}
          <span>{i.message}</span>
        </li>
      ))}
    </ul>
  );
}

/** The estimate under the targets: how many addresses (and host names) the scan would probe. */
export function TargetCount({ validation, validating, error, hasText }: { validation?: ValidateTargetsOutput | undefined; validating: boolean; error?: string | undefined; hasText: boolean }) {
  if (!hasText) return <span className="muted">CIDRs (10.1.2.0/24), ranges (10.1.2.10-50), addresses or host names; one per line or separated by commas.</span>;
  if (error) return <span className="result-bad">Could not check the targets: {error}</span>;
  if (!validation) return <span className="muted">Checking…</span>;
  const names = validation.targets.filter((t) => t.kind === 'hostname').length;
  return (
    <span className={validating ? 'target-count is-stale' : 'target-count'}>
      <strong>{plural(validation.count, 'address', 'addresses')}</strong>
      {validation.ipv6Count > 0 ? <span className="muted"> ({validation.ipv4Count.toLocaleString()} IPv4, {validation.ipv6Count.toLocaleString()} IPv6)</span> : null}
      {names > 0 ? <span className="muted"> + {plural(names, 'host name')}, resolved when the scan starts</span> : null}
      {validation.ok ? <span className="result-ok"> · ready to scan</span> : null}
    </span>
  );
}

import { useEffect } from 'react';
import { useConnectionStore } from '../stores/connection-store.ts';
import { useCredentialsStore } from '../stores/credentials-store.ts';
import { useDevicesStore } from '../stores/devices-store.ts';
import { useDiscoveryStore } from '../stores/discovery-store.ts';
import { useNavStore } from '../stores/nav-store.ts';
import { firstRunSteps, type FirstRunStep } from '../lib/first-run.ts';

const TITLES: Record<FirstRunStep['id'], string> = {
  credential: 'Add an SNMP credential',
  sweep: 'Sweep a subnet',
  add: 'Add what was found',
};
const TEXTS: Record<FirstRunStep['id'], string> = {
  credential: 'The community (or v3 user) of the customer’s devices, so a scan can identify them.',
  sweep: 'Type the customer’s subnets in Discovery: live hosts appear as they answer, classified.',
  add: 'Tick the hosts to monitor and press “Add to monitoring”: each gets the template that fits.',
};

/**
 * The first-run path, shown while there are no devices: credentials, then a sweep, then adding
 * what it found; each step with its button, the steps done ticked. Nothing when devices exist.
 */
export function FirstRunGuide({ where }: { where: 'dashboard' | 'devices' | 'discovery' }) {
  const devicesLoaded = useDevicesStore((s) => s.loaded);
  // The engine's own device (WARD FLUX, its self-metrics) is not one the user added.
  const deviceCount = useDevicesStore((s) => s.items.filter((d) => !d.builtin).length);
  const credentialCount = useCredentialsStore((s) => s.items.length);
  const credentialsLoaded = useCredentialsStore((s) => s.loaded);
  const jobs = useDiscoveryStore((s) => s.jobs);
  const jobsLoaded = useDiscoveryStore((s) => s.jobsLoaded);
  const ready = useConnectionStore((s) => s.status === 'ready');
  const navigate = useNavStore((s) => s.navigate);

  useEffect(() => {
    if (ready && !jobsLoaded) void useDiscoveryStore.getState().loadJobs();
  }, [ready, jobsLoaded]);

  if (!devicesLoaded || !credentialsLoaded || deviceCount > 0) return null;
  const steps = firstRunSteps({ credentials: credentialCount, jobs, devices: deviceCount });

  function act(step: FirstRunStep): void {
    if (step.id === 'credential') navigate('settings', 'credentials');
    else if (step.id === 'sweep') {
      navigate('discovery');
      useDiscoveryStore.getState().close();
      requestAnimationFrame(() => document.querySelector<HTMLElement>('form[aria-label="New scan"] textarea')?.focus());
    } else if (step.jobId) {
      navigate('discovery');
      void useDiscoveryStore.getState().open(step.jobId);
    }
  }

  return (
    <section className={`card first-run first-run-${where}`} aria-labelledby={`first-run-${where}`}>
      <h2 id={`first-run-${where}`} className="card-title">
        Get started: three steps to a monitored site
      </h2>
      <ol className="first-run-steps">
        {steps.map((step, i) => (
          <li key={step.id} className={`first-run-step${step.done ? ' is-done' : ''}${step.current ? ' is-current' : ''}`}>
            <span className="first-run-mark" aria-hidden="true">
              {step.done ? '✓' : i + 1}
            </span>
            <div className="first-run-body">
              <strong>{TITLES[step.id]}</strong>
              {step.done ? <span className="visually-hidden"> (done)</span> : null}
              <p>{step.id === 'add' && step.found ? `The last scan found ${step.found.toLocaleString()} live ${step.found === 1 ? 'host' : 'hosts'}. ${TEXTS.add}` : TEXTS[step.id]}</p>
            </div>
            {step.id === 'add' && !step.jobId ? null : (
              <button type="button" className={`btn btn-small${step.current ? ' btn-primary' : ''}`} onClick={() => act(step)} disabled={!ready}>
                {step.id === 'credential' ? (step.done ? 'Credentials' : 'Add a credential') : step.id === 'sweep' ? (step.done ? 'New scan' : 'Sweep a subnet') : 'Open the scan'}
              </button>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}

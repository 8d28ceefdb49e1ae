import { DismissibleBanner } from '../../components/banner.tsx';

/** What an action on the open scan (add, push, export, cancel) has to say, until dismissed. */
export type Notice = { tone: 'info' | 'error'; text: string; details?: string[] | undefined };

export function NoticeBanner({ notice, onDismiss }: { notice: Notice; onDismiss(): void }) {
  return (
    <DismissibleBanner tone={notice.tone} link={notice.tone === 'info' ? { href: '#/devices', label: 'Open Devices' } : undefined} onDismiss={onDismiss}>
      <p>{notice.text}</p>
      {notice.details?.length ? (
        <ul className="notice-details">
          {notice.details.map((d) => (
            <li key={d}>{d}</li>
          ))}
        </ul>
      ) : null}
    </DismissibleBanner>
  );
}

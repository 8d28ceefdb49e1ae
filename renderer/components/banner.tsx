import type { ReactNode } from 'react';

interface BannerProps {
  tone: 'error' | 'warning' | 'info';
  children: ReactNode;
  action?: ReactNode;
}

/** A message across the top of a page or a dialog; errors are announced to screen readers. */
export function Banner({ tone, children, action }: BannerProps) {
  return (
    <div className={`banner banner-${tone}`} role={tone === 'error' ? 'alert' : 'status'}>
      <div className="banner-text">{children}</div>
      {action ? <div className="banner-action">{action}</div> : null}
    </div>
  );
}

/** A banner the person closes: an optional link (e.g. "Open Devices") and a Dismiss button. */
export function DismissibleBanner({ tone, link, onDismiss, children }: Omit<BannerProps, 'action'> & { link?: { href: string; label: string } | undefined; onDismiss(): void }) {
  return (
    <Banner
      tone={tone}
      action={
        <>
          {link ? (
            <a className="btn btn-small" href={link.href}>
              {link.label}
            </a>
          ) : null}
          <button type="button" className="btn btn-small btn-ghost" onClick={onDismiss}>
            Dismiss
          </button>
        </>
      }
    >
      {children}
    </Banner>
  );
}

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

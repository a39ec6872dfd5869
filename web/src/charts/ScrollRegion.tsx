import type { ReactNode, Ref } from 'react';
import './scroll-region.css';

/**
 * A box that scrolls when its table is larger than the screen. It takes focus so a keyboard can
 * scroll it too (axe: scrollable-region-focusable), and its name says what it holds.
 */
export function ScrollRegion({
  label,
  children,
  className = '',
  ref,
}: {
  label: string;
  children: ReactNode;
  className?: string;
  ref?: Ref<HTMLElement>;
}) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be focusable to be scrolled by keyboard
    <section className={`table-scroll ${className}`} tabIndex={0} aria-label={label} ref={ref}>
      {children}
    </section>
  );
}

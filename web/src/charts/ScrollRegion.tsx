import type { ReactNode } from 'react';

/**
 * A box that scrolls sideways when its table is wider than the screen. It takes focus so a
 * keyboard can scroll it too (axe: scrollable-region-focusable), and its name says what it holds.
 */
export function ScrollRegion({ label, children }: { label: string; children: ReactNode }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be focusable to be scrolled by keyboard
    <section className="table-scroll" tabIndex={0} aria-label={label}>
      {children}
    </section>
  );
}

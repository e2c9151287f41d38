// A titled section of the panel: a region labelled by its own heading, so screen readers can
// jump between chain, score, health, children and checks.
import { useState, type ReactNode } from 'react';

let lastId = 0;

/**
 * An id unique for the life of the page. Not `useId`: under Preact, which renders the panel in
 * the content script, `useId` derives ids from tree positions, and sections mounted by later
 * `render()` calls of the same root were handed ids already in use.
 */
export function useUniqueId(prefix = 'okr'): string {
  return useState(() => `${prefix}-${++lastId}`)[0];
}

export function PanelSection({
  title,
  testId,
  className,
  children,
}: {
  title: ReactNode;
  testId: string;
  className?: string;
  children: ReactNode;
}) {
  const headingId = useUniqueId();
  return (
    <section
      className={className ? `okr-section ${className}` : 'okr-section'}
      aria-labelledby={headingId}
      data-testid={testId}
    >
      <h3 id={headingId} className="okr-section-title">
        {title}
      </h3>
      {children}
    </section>
  );
}

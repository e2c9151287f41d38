// "Top-level objectives": the objectives allowed to have no parent (the company's or the CTO's),
// so the `unaligned` check stays quiet on them.
import { useId } from 'react';
import { AddEntryForm, EntryList } from './EditableList';
import { readTopLevelEntry } from './settings-input';

export interface TopLevelObjectivesSectionProps {
  entries: string[] | null;
  onChange: (entries: string[]) => void;
}

export function TopLevelObjectivesSection({ entries, onChange }: TopLevelObjectivesSectionProps) {
  const headingId = useId();
  return (
    <section className="opt-section" aria-labelledby={headingId} data-testid="top-level-objectives">
      <h2 id={headingId}>Top-level objectives</h2>
      <p className="opt-muted opt-intro">
        OKRs cascade: every objective should have a parent, except the ones at the top. List them
        here and the Unaligned check stays quiet on them.
      </p>
      {entries === null ? (
        <p className="opt-muted">Loading…</p>
      ) : (
        <>
          <EntryList
            entries={entries.map((entry) => ({
              key: entry,
              name: entry,
              content: <bdi className="opt-break">{entry}</bdi>,
            }))}
            empty="No top-level objectives yet."
            testId="top-level-list"
            onRemove={(removed) => onChange(entries.filter((entry) => entry !== removed))}
          />
          <AddEntryForm
            label="Objective URL or reference"
            placeholder="https://gitlab.com/gitlab-org/okrs/-/work_items/12"
            hint={
              <>
                Its address, or its reference such as <code>gitlab-org/okrs#12</code>.
              </>
            }
            read={readTopLevelEntry}
            onAdd={(entry) => {
              if (!entries.includes(entry)) onChange([...entries, entry]);
            }}
          />
        </>
      )}
    </section>
  );
}

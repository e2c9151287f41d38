// "Staleness": when an OKR's health status counts as stale (spec §3) for the badge, the popup
// and the panel alike: the age limit, the monthly business-day deadline and the holidays.
import { useId } from 'react';
import type { StalenessSettings } from '../../lib/settings';
import { AddEntryForm, EntryList } from './EditableList';
import { NumberField } from './NumberField';
import { readHoliday } from './settings-input';
import { formatDate } from '../../lib/okr/format';

export interface StalenessSectionProps {
  staleness: StalenessSettings | null;
  holidays: string[] | null;
  handbook: StalenessSettings;
  onStalenessChange: (staleness: StalenessSettings) => void;
  onHolidaysChange: (holidays: string[]) => void;
}

export function StalenessSection(props: StalenessSectionProps) {
  const { staleness, holidays, handbook } = props;
  const headingId = useId();
  const holidaysHintId = useId();
  return (
    <section
      id="staleness"
      className="opt-section"
      aria-labelledby={headingId}
      data-testid="staleness"
    >
      <h2 id={headingId}>Staleness</h2>
      <p className="opt-muted opt-intro">
        The handbook asks for a health update in the first business days of every month. An open OKR
        is stale when that deadline passed without one, when its last update is too old, or when it
        has no health status.
      </p>
      {staleness === null || holidays === null ? (
        <p className="opt-muted">Loading…</p>
      ) : (
        <>
          <div className="opt-numbers">
            <NumberField
              label="Too old after"
              unit="days without an update"
              min={1}
              max={365}
              value={staleness.maxAgeDays}
              handbook={handbook.maxAgeDays}
              onChange={(maxAgeDays) => props.onStalenessChange({ ...staleness, maxAgeDays })}
            />
            <NumberField
              label="Monthly update due by"
              unit="business days into the month"
              min={1}
              max={23}
              value={staleness.businessDayDeadline}
              handbook={handbook.businessDayDeadline}
              onChange={(businessDayDeadline) =>
                props.onStalenessChange({ ...staleness, businessDayDeadline })
              }
            />
          </div>
          <fieldset className="opt-group" aria-describedby={holidaysHintId}>
            <legend>Holidays</legend>
            <p id={holidaysHintId} className="opt-hint opt-group-hint">
              Days that are not business days, besides weekends.
            </p>
            <EntryList
              entries={holidays.map((day) => ({
                key: day,
                name: formatDate(day),
                content: <time dateTime={day}>{formatDate(day)}</time>,
              }))}
              empty="No holidays."
              testId="holiday-list"
              onRemove={(removed) =>
                props.onHolidaysChange(holidays.filter((day) => day !== removed))
              }
            />
            <AddEntryForm
              label="Date"
              type="date"
              action="Add holiday"
              read={readHoliday}
              onAdd={(day) => {
                if (!holidays.includes(day)) props.onHolidaysChange([...holidays, day].sort());
              }}
            />
          </fieldset>
        </>
      )}
    </section>
  );
}

// The popup's list of your OKRs that need a health update, grouped by reason (worst first),
// each with its parent chain, a link to GitLab, and a quick check-in.
import { useState } from 'react';
import type {
  CheckInReminder,
  Problem,
  StaleCode,
  StaleItem,
  StaleReport,
} from '../../lib/messages';
import { QuickCheckIn, type CheckInValues } from './QuickCheckIn';
import { formatDateTime, healthLabel, staleNote } from '../panel/format';
import { reasonHeading } from './labels';
import {
  allCurrentSentence,
  needUpdateSentence,
  unwatchedHeading,
} from '../../lib/services/stale-words';

const GROUP_ORDER: StaleCode[] = ['noHealth', 'tooOld', 'notThisMonth'];

export interface StaleListProps {
  report: StaleReport;
  maxAgeDays: number;
  /** True while the watch runs (the list stays, the header says so). */
  checking: boolean;
  onRefresh(): void;
  onCheckIn(item: StaleItem, values: CheckInValues): Promise<Problem | null>;
  onReminder(item: StaleItem, frequency: CheckInReminder): Promise<Problem | null>;
}

function keyOf(item: StaleItem): string {
  return `${item.baseUrl}|${item.id}`;
}

export function StaleList(props: StaleListProps) {
  const { report, maxAgeDays } = props;
  const [openKey, setOpenKey] = useState<string | null>(null);
  const groups = GROUP_ORDER.map((code) => ({
    code,
    items: report.items.filter((item) => item.code === code),
  })).filter((group) => group.items.length > 0);

  return (
    <section className="okr-stale" aria-labelledby="okr-stale-heading" data-testid="stale-section">
      <header className="okr-stale__header">
        <h2 id="okr-stale-heading">Health updates</h2>
        <button
          type="button"
          className="ext-button ext-button--small"
          onClick={props.onRefresh}
          disabled={props.checking}
        >
          {props.checking ? 'Checking…' : 'Check now'}
        </button>
      </header>
      <Summary report={report} checking={props.checking} />
      {report.failures.map((failure) => (
        <p key={failure.baseUrl} className="okr-stale__failure" role="alert">
          <strong>Not checked on {failure.baseUrl}.</strong> {failure.problem.message}
        </p>
      ))}
      {(report.unwatched ?? []).map((entry) => (
        <p
          key={`${entry.baseUrl}|${entry.fullPath}`}
          className="okr-stale__failure okr-stale__failure--watch"
          role="alert"
          data-testid="stale-unwatched"
        >
          <strong>{unwatchedHeading(entry)}.</strong> {entry.problem.message}
        </p>
      ))}
      {groups.map((group) => (
        <div key={group.code} className={`okr-stale__group okr-stale__group--${group.code}`}>
          <h3>
            {reasonHeading(group.code, maxAgeDays)}{' '}
            <span className="okr-stale__count">{group.items.length}</span>
          </h3>
          <ul>
            {group.items.map((item) => (
              <StaleRow
                key={keyOf(item)}
                item={item}
                open={openKey === keyOf(item)}
                onOpen={(open) => setOpenKey(open ? keyOf(item) : null)}
                onCheckIn={(values) => props.onCheckIn(item, values)}
                onReminder={(frequency) => props.onReminder(item, frequency)}
              />
            ))}
          </ul>
        </div>
      ))}
    </section>
  );
}

function Summary({ report, checking }: { report: StaleReport; checking: boolean }) {
  const checked = report.checkedAt ? ` Checked ${formatDateTime(report.checkedAt)}.` : '';
  let text: string;
  if (report.state === 'offline') text = 'Offline: the check resumes when you are back online.';
  else if (!report.checkedAt)
    text = checking
      ? 'Looking for your objectives and key results…'
      : 'Not checked yet. Add a GitLab instance with a token in the options.';
  else if (report.state === 'idle')
    text = 'No GitLab instance with a token to watch. Add one in the options.';
  else if (report.items.length === 0 && report.state !== 'failed')
    text = allCurrentSentence(report);
  else if (report.items.length === 0) text = '';
  else
    text = `${needUpdateSentence(report.items)} (handbook: within the first five business days of each month).`;
  return text || checked ? (
    <p className="okr-stale__summary" data-testid="stale-summary">
      {text}
      {checked && <span className="okr-stale__hint">{checked}</span>}
    </p>
  ) : null;
}

function StaleRow(props: {
  item: StaleItem;
  open: boolean;
  onOpen(open: boolean): void;
  onCheckIn(values: CheckInValues): Promise<Problem | null>;
  onReminder(frequency: CheckInReminder): Promise<Problem | null>;
}) {
  const { item } = props;
  return (
    <li className="okr-stale__item" data-testid="stale-item" data-reason={item.code}>
      {item.chain.length > 0 && <Chain chain={item.chain} />}
      <div className="okr-stale__title">
        <span className="okr-stale__kind">{item.kind === 'objective' ? 'Objective' : 'KR'}</span>
        <a href={item.url} target="_blank" rel="noreferrer">
          {item.title}
        </a>
      </div>
      <p className="okr-stale__meta">
        <span>{item.reference}</span>
        <span className={`ext-pill ext-pill--${item.health ?? 'none'}`}>
          {healthLabel(item.health)}
        </span>
        {item.health && <span className="ext-stale-mark">{staleNote(item.lastUpdate)}</span>}
        {item.dri && item.dri.length > 0 && (
          <span data-testid="stale-dri">DRI: {item.dri.join(', ')}</span>
        )}
        {!item.assignedToYou && <span>watched</span>}
      </p>
      {/* The group heading already says "no health status"; dated reasons add when and why. */}
      {item.code !== 'noHealth' && <p className="okr-stale__reason">{item.reason}</p>}
      {props.open ? (
        <QuickCheckIn
          item={item}
          onSubmit={props.onCheckIn}
          onCancel={() => props.onOpen(false)}
          onReminder={props.onReminder}
        />
      ) : (
        <button
          type="button"
          className="ext-button ext-button--small"
          onClick={() => props.onOpen(true)}
          aria-label={`Check in: ${item.title}`}
        >
          Check in
        </button>
      )}
    </li>
  );
}

/**
 * The parent chain, root first. A deep chain shows its root and direct parent, with the levels
 * between folded into "…" (their titles stay in the tooltip), so one item stays a few lines.
 */
function Chain({ chain }: { chain: StaleItem['chain'] }) {
  const folded = chain.length > 2 ? chain.slice(1, -1) : [];
  const shown = folded.length ? [chain[0]!, chain[chain.length - 1]!] : chain;
  return (
    <ol className="okr-stale__chain" aria-label="Parent chain">
      {shown.map((link, index) => (
        <li key={link.url}>
          {index === 1 && folded.length > 0 && (
            <span className="okr-stale__folded" title={folded.map((l) => l.title).join(' › ')}>
              …
            </span>
          )}
          <a href={link.url} target="_blank" rel="noreferrer">
            {link.title}
          </a>
        </li>
      ))}
    </ol>
  );
}

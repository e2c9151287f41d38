// The item the popup works on (the objective new key results go under, or the key result to
// check in on): its parent chain, title, score and health, as the panel on the page shows them
// (the same view, from the same background cache).
import {
  BAND_LABEL,
  HEALTH_LABEL,
  KIND_LABEL,
  gitlabPercent,
  percent,
  safeHref,
  staleNote,
} from '../panel/format';
import type { OkrView } from '../../lib/view';

export interface ObjectiveHeaderProps {
  view: OkrView | null;
  /** True while no view is known yet. */
  loading: boolean;
}

export function ObjectiveHeader({ view, loading }: ObjectiveHeaderProps) {
  if (!view) {
    return (
      <section className="pop-section pop-objective" aria-busy={loading} aria-label="Objective">
        {loading ? (
          <>
            <div className="pop-skeleton" style={{ width: '60%' }} />
            <div className="pop-skeleton" style={{ width: '90%', height: 16 }} />
            <div className="pop-skeleton" style={{ width: '40%' }} />
          </>
        ) : (
          <p className="pop-muted">No objective loaded.</p>
        )}
      </section>
    );
  }
  const { item, chain } = view;
  const score = item.score;
  const keyResults = view.children.filter((child) => child.type === 'keyResult').length;
  const objectives = view.children.length - keyResults;
  return (
    <section
      className="pop-section pop-objective"
      aria-label={KIND_LABEL[item.type]}
      data-testid="popup-objective"
    >
      {(chain.length > 0 || view.chainTruncated) && (
        <ol className="pop-chain" aria-label="Parent chain">
          {view.chainTruncated && <li title="You can’t see the objectives above">…</li>}
          {chain.map((step) => (
            <li key={step.url + step.reference}>
              <a href={safeHref(step.url)} target="_blank" rel="noreferrer" title={step.title}>
                {step.title}
              </a>
            </li>
          ))}
        </ol>
      )}
      <span className="pop-kind">
        {KIND_LABEL[item.type]} · {item.reference}
        {item.milestone ? ` · ${item.milestone}` : ''}
      </span>
      <h2 className="pop-objective-title">
        <a href={safeHref(item.url)} target="_blank" rel="noreferrer">
          {item.title}
        </a>
      </h2>
      <div className="pop-score-row">
        <span className="pop-score" data-testid="popup-score">
          <span className="pop-score-value">
            {score.value === null ? '—' : percent(score.value)}
          </span>
          <span className="pop-muted">{score.value === null ? 'not scored' : 'score'}</span>
        </span>
        <span
          className="pop-bar"
          data-band={score.band}
          role="img"
          aria-label={BAND_LABEL[score.band]}
          title={score.explanation}
        >
          <span style={{ width: `${Math.round((score.value ?? 0) * 100)}%` }} />
        </span>
        {item.health && (
          <span className={`ext-pill ext-pill--${item.health}`}>{HEALTH_LABEL[item.health]}</span>
        )}
        {item.health && item.stale.stale && (
          <span className="ext-stale-mark" data-testid="popup-stale-mark">
            {staleNote(item.stale.lastUpdate)}
          </span>
        )}
      </div>
      <p className="pop-muted" style={{ marginTop: 6, fontSize: 12 }}>
        {score.explanation}
        {item.gitlabProgress !== null ? ` · GitLab says ${gitlabPercent(item.gitlabProgress)}` : ''}
      </p>
      {item.type === 'objective' && (
        <p className="pop-children-count" data-testid="popup-children-count">
          {keyResults} key result{keyResults === 1 ? '' : 's'}
          {objectives > 0 ? `, ${objectives} child objective${objectives === 1 ? '' : 's'}` : ''}
        </p>
      )}
    </section>
  );
}

// The computed score, how it was reached, and what GitLab itself shows beside it.
import { PanelSection } from './PanelSection';
import type { ItemView } from '../../lib/view';
import {
  BAND_LABEL,
  gitlabPercent,
  methodLabel,
  percent,
  quarterLine,
  signedPoints,
} from './format';

/** Below this, the computed score and GitLab's number are the same for a reader. */
const SAME_NUMBER_POINTS = 0.05;

export function ScoreSummary({ item }: { item: ItemView }) {
  const { score } = item;
  const noData = score.value === null || score.method === 'none';
  return (
    <PanelSection
      testId="okr-score"
      className="okr-score"
      title={<>{item.type === 'issue' ? 'Completion' : 'Score'}</>}
    >
      {noData ? (
        <div className="okr-score-main">
          <span className="okr-score-value okr-score-value--none" data-testid="okr-score-value">
            No data
          </span>
          <span className="okr-pill okr-pill--neutral okr-pill--dashed">Not scored</span>
        </div>
      ) : (
        <div className="okr-score-main">
          <span
            className={`okr-score-value okr-band-text--${score.band}`}
            data-testid="okr-score-value"
          >
            {percent(score.value ?? 0)}
          </span>
          <span className={`okr-pill okr-band--${score.band}`} data-band={score.band}>
            {BAND_LABEL[score.band]}
          </span>
        </div>
      )}
      {!noData && (
        <p className="okr-score-method">
          <span className="okr-muted">Method: </span>
          {methodLabel(score.method)}
        </p>
      )}
      {score.explanation && (
        <p className="okr-score-explanation" data-testid="okr-score-explanation">
          <bdi>{score.explanation}</bdi>
        </p>
      )}
      {noData && (
        <p className="okr-note" data-testid="okr-no-data">
          {item.carrier === 'epics' ? (
            <>
              Nothing to score yet: fill in the custom fields Start, Current and Target, link or add
              child issues, or add an <code>okr</code> scoring block.
            </>
          ) : (
            <>
              Nothing to score yet: add start and target values, a progress percentage, linked
              issues or an <code>okr</code> scoring block.
            </>
          )}{' '}
          A missing score is not the same as zero.
        </p>
      )}
      {score.details.length > 0 && (
        <details className="okr-details">
          <summary>How it adds up ({score.details.length})</summary>
          <ul className="okr-detail-lines">
            {score.details.map((line, index) => (
              <li key={index}>
                <bdi>{line}</bdi>
              </li>
            ))}
          </ul>
        </details>
      )}
      <GitLabNumber item={item} />
      <ExpectedProgress expected={score.expected} behind={score.behind} />
      {item.quarter && (
        <p className="okr-quarter" data-testid="okr-quarter" data-source={item.quarter.source}>
          <span className="okr-muted">Quarter: </span>
          <bdi>{quarterLine(item.quarter)}</bdi>
        </p>
      )}
    </PanelSection>
  );
}

function GitLabNumber({ item }: { item: ItemView }) {
  if (item.type === 'issue') return null;
  const { gitlabProgress, gitlabRollup, drift } = item;
  if (gitlabProgress === null) {
    return (
      <p className="okr-gitlab" data-testid="okr-gitlab-progress">
        GitLab shows no progress for this item.
      </p>
    );
  }
  const rollupDiffers =
    item.type === 'objective' && gitlabRollup !== null && gitlabRollup !== gitlabProgress;
  return (
    <p className="okr-gitlab" data-testid="okr-gitlab-progress">
      {item.gitlabLabel ? (
        <bdi data-testid="okr-gitlab-label">{item.gitlabLabel}</bdi>
      ) : (
        <>GitLab shows {gitlabPercent(gitlabProgress)}</>
      )}
      {drift !== null && <DriftNote drift={drift} />}.
      {rollupDiffers && (
        <span className="okr-gitlab-rollup">
          {' '}
          Its roll-up of the children would be {gitlabPercent(gitlabRollup)}.
        </span>
      )}
      {item.gitlabNote && (
        <span className="okr-gitlab-formula" data-testid="okr-gitlab-formula">
          {' '}
          <bdi>{item.gitlabNote}</bdi>
        </span>
      )}
    </p>
  );
}

/** Drift is computed minus GitLab; the sentence is about GitLab's number, so the sign flips. */
function DriftNote({ drift }: { drift: number }) {
  if (Math.abs(drift) < SAME_NUMBER_POINTS) {
    return <span className="okr-drift okr-drift--none"> (the same)</span>;
  }
  const gitlabMinusComputed = -drift;
  const size = signedPoints(gitlabMinusComputed).slice(1);
  return (
    <span className="okr-drift" data-testid="okr-drift">
      {' '}
      ({signedPoints(gitlabMinusComputed)})
      <span className="okr-sr-only">
        , {size} {gitlabMinusComputed < 0 ? 'lower' : 'higher'} than the computed score
      </span>
    </span>
  );
}

function ExpectedProgress({ expected, behind }: { expected: number | null; behind: boolean }) {
  if (expected === null) return null;
  return (
    <p className="okr-expected" data-testid="okr-expected">
      <span className="okr-muted">Expected by now: </span>
      {percent(expected)}
      {behind && (
        <span className="okr-pill okr-pill--atRisk okr-pill--inline">Behind schedule</span>
      )}
    </p>
  );
}

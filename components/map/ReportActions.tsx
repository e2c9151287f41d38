// The quarter map's report buttons: the Key Review report (copy or download, with changes since
// a chosen date), the monthly post and the CSV of the whole tree. It says what it wants through
// callbacks (make, copy, download) and shows what it made, so a person sees what they share.
import { useId, useState } from 'react';

export type ReportKind = 'keyReview' | 'monthly' | 'csv';

export type MadeReport =
  { ok: true; text: string; fileName: string; mime: string } | { ok: false; message: string };

export interface ReportActionsProps {
  make(kind: ReportKind, since: string | null): Promise<MadeReport>;
  copy(text: string): Promise<void>;
  download(fileName: string, text: string, mime: string): void;
  /** Disabled until a map is shown. */
  disabled?: boolean;
}

type Action = 'copyReview' | 'downloadReview' | 'copyMonthly' | 'downloadCsv';

const DONE: Record<Action, (fileName: string) => string> = {
  copyReview: () => 'The Key Review report is copied as Markdown.',
  downloadReview: (fileName) => `Downloaded ${fileName}.`,
  copyMonthly: () => 'The monthly post is copied as Markdown.',
  downloadCsv: (fileName) => `Downloaded ${fileName}.`,
};

const KIND: Record<Action, ReportKind> = {
  copyReview: 'keyReview',
  downloadReview: 'keyReview',
  copyMonthly: 'monthly',
  downloadCsv: 'csv',
};

export function ReportActions({ make, copy, download, disabled }: ReportActionsProps) {
  const id = useId();
  const [since, setSince] = useState('');
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<{ text: string; problem: boolean } | null>(null);
  const [preview, setPreview] = useState<string | null>(null);

  const run = async (action: Action) => {
    setBusy(true);
    setStatus({ text: 'Writing the report…', problem: false });
    try {
      const made = await make(KIND[action], action === 'copyMonthly' ? null : since || null);
      if (!made.ok) {
        setStatus({ text: made.message, problem: true });
        return;
      }
      if (action === 'copyReview' || action === 'copyMonthly') await copy(made.text);
      else download(made.fileName, made.text, made.mime);
      setPreview(made.text);
      setStatus({ text: DONE[action](made.fileName), problem: false });
    } catch {
      setStatus({
        text: 'The browser did not let OKR Lens copy or save it. Try the download button.',
        problem: true,
      });
    } finally {
      setBusy(false);
    }
  };

  return (
    <details className="report-actions" data-testid="report-actions">
      <summary className="ext-button">Key Review report</summary>
      <div className="report-actions__panel">
        <label className="report-actions__since" htmlFor={`${id}-since`}>
          Changes since
          <input
            id={`${id}-since`}
            type="date"
            value={since}
            onChange={(event) => setSince(event.currentTarget.value)}
            data-testid="report-since"
          />
        </label>
        <p className="report-actions__hint">
          Leave it empty for where things stand. The report lists each top objective's score and
          health, the items at risk or needing attention with their latest comment, and the stale
          items with their DRIs; after the quarter ends, the final scoring.
        </p>
        <div className="report-actions__buttons">
          <button
            type="button"
            className="ext-button ext-button--primary"
            disabled={disabled || busy}
            onClick={() => void run('copyReview')}
          >
            Copy Markdown
          </button>
          <button
            type="button"
            className="ext-button"
            disabled={disabled || busy}
            onClick={() => void run('downloadReview')}
            data-testid="report-download-md"
          >
            Download Markdown
          </button>
          <button
            type="button"
            className="ext-button"
            disabled={disabled || busy}
            onClick={() => void run('copyMonthly')}
          >
            Copy monthly post
          </button>
          <button
            type="button"
            className="ext-button"
            disabled={disabled || busy}
            onClick={() => void run('downloadCsv')}
            data-testid="report-download-csv"
          >
            Download CSV
          </button>
        </div>
        <p
          className={`report-actions__status${status?.problem ? ' report-actions__status--problem' : ''}`}
          role="status"
          aria-live="polite"
          data-testid="report-status"
        >
          {status?.text ?? ''}
        </p>
        {preview !== null && (
          <pre className="report-actions__preview" data-testid="report-preview" tabIndex={0}>
            {preview}
          </pre>
        )}
      </div>
    </details>
  );
}

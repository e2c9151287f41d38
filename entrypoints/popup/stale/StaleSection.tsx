// The popup's stale-health section: asks the background for the last report (and a fresh one),
// follows the stored report while the popup is open, and sends quick check-ins and reminders.
// Self-contained: the popup's App only mounts <StaleSection />.
import { useCallback, useEffect, useState } from 'react';
import { browser } from 'wxt/browser';
import { z } from 'zod';
import { StaleList } from '../../../components/stale/StaleList';
import type { CheckInValues } from '../../../components/stale/QuickCheckIn';
import '../../../components/stale/stale.css';
import {
  ProblemSchema,
  StaleActionResultSchema,
  StaleReportSchema,
  type CheckInReminder,
  type Problem,
  type Request,
  type StaleItem,
  type StaleReport,
} from '../../../lib/messages';
import { staleReportItem, stalenessSettingsItem } from '../../../lib/settings';

const unreadable: Problem = {
  kind: 'malformed',
  message: 'OKR Lens got an answer it could not read. Close and reopen the popup.',
};

async function ask(request: Request): Promise<unknown> {
  return browser.runtime.sendMessage(request);
}

async function askReport(request: Request): Promise<StaleReport> {
  const answer = await ask(request);
  const parsed = StaleReportSchema.safeParse(answer);
  if (parsed.success) return parsed.data;
  const refused = z.object({ problem: ProblemSchema }).safeParse(answer);
  throw new Error(refused.success ? refused.data.problem.message : unreadable.message);
}

async function askAction(
  request: Request,
): Promise<{ report?: StaleReport; problem: Problem | null }> {
  try {
    const parsed = StaleActionResultSchema.safeParse(await ask(request));
    if (!parsed.success) return { problem: unreadable };
    return parsed.data.ok
      ? { report: parsed.data.report, problem: null }
      : { problem: parsed.data.problem };
  } catch {
    return { problem: { kind: 'unknown', message: 'OKR Lens did not answer. Try again.' } };
  }
}

export function StaleSection() {
  const [report, setReport] = useState<StaleReport | null>(null);
  const [checking, setChecking] = useState(false);
  const [maxAgeDays, setMaxAgeDays] = useState(35);
  const [error, setError] = useState<string | null>(null);

  const refresh = useCallback(async () => {
    setChecking(true);
    try {
      setReport(await askReport({ type: 'stale:refresh' }));
      setError(null);
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : unreadable.message);
    } finally {
      setChecking(false);
    }
  }, []);

  useEffect(() => {
    let open = true;
    void stalenessSettingsItem.getValue().then((settings) => {
      if (open) setMaxAgeDays(settings.maxAgeDays);
    });
    // The last report paints at once; a run that finishes while the popup is open replaces it.
    void askReport({ type: 'stale:report' })
      .then((last) => {
        if (!open) return;
        setReport(last);
        if (!last.checkedAt) void refresh();
      })
      .catch((failure: unknown) => {
        if (open) setError(failure instanceof Error ? failure.message : unreadable.message);
      });
    const unwatch = staleReportItem.watch((next) => {
      const parsed = StaleReportSchema.safeParse(next);
      if (open && parsed.success) setReport(parsed.data);
    });
    return () => {
      open = false;
      unwatch();
    };
  }, [refresh]);

  async function checkIn(item: StaleItem, values: CheckInValues): Promise<Problem | null> {
    const answer = await askAction({
      type: 'stale:checkIn',
      baseUrl: item.baseUrl,
      id: item.id,
      health: values.health,
      ...(values.currentValue === undefined ? {} : { currentValue: values.currentValue }),
      ...(values.scale ? { scale: values.scale } : {}),
      ...(values.comment ? { comment: values.comment } : {}),
    });
    if (answer.report) setReport(answer.report);
    return answer.problem;
  }

  async function remind(item: StaleItem, frequency: CheckInReminder): Promise<Problem | null> {
    const answer = await askAction({
      type: 'stale:reminder',
      baseUrl: item.baseUrl,
      id: item.id,
      frequency,
    });
    return answer.problem;
  }

  if (error && !report) {
    return (
      <section className="okr-stale" data-testid="stale-section">
        <p className="okr-stale__failure" role="alert">
          {error}
        </p>
      </section>
    );
  }
  if (!report) {
    return (
      <section className="okr-stale" data-testid="stale-section" aria-busy="true">
        <p className="okr-stale__summary">Loading health updates…</p>
      </section>
    );
  }
  return (
    <StaleList
      report={report}
      maxAgeDays={maxAgeDays}
      checking={checking}
      onRefresh={() => void refresh()}
      onCheckIn={checkIn}
      onReminder={remind}
    />
  );
}

export default StaleSection;

// The settings app: the instance list, the form that adds one, the handbook checks, top-level
// objectives, staleness and the badge. It owns the page's state: instances go through the
// background (it holds the tokens), the other settings straight to storage through the store.
import { useEffect, useState } from 'react';
import { normaliseInstanceUrl } from '../../lib/instances';
import type { InstanceView, StaleReport } from '../../lib/messages';
import { AddInstanceForm, type SaveOutcome } from '../../components/options/AddInstanceForm';
import { InstanceList } from '../../components/options/InstanceList';
import { BadgeSection } from '../../components/options/BadgeSection';
import { CarrierSection } from '../../components/options/CarrierSection';
import { RuleSettingsSection } from '../../components/options/RuleSettingsSection';
import { SaveStatus } from '../../components/options/SaveStatus';
import { StalenessSection } from '../../components/options/StalenessSection';
import { TopLevelObjectivesSection } from '../../components/options/TopLevelObjectivesSection';
import { hostPermissionPattern, needsHostPermission } from '../../components/options/token-check';
import { watchProblemOf, type WatchInstance } from '../../components/options/watch-status';
import type { OptionsBackend } from './backend';
import {
  browserSettingsStore,
  DEFAULT_REFRESH_MINUTES,
  HANDBOOK_RULES,
  HANDBOOK_STALENESS,
  type SettingsStore,
} from './settings-store';
import { useSettings } from './useSettings';
import { browserWatchSource, type WatchSource } from './watch-source';

/** An instance as the Watch form sees it: last used when an OKR was opened or its token checked. */
function watchInstanceOf(instance: InstanceView, lastOpened: string | undefined): WatchInstance {
  const checkedAt = instance.check?.checkedAt ?? '';
  const lastUsedAt = [lastOpened ?? '', checkedAt].sort().at(-1) || null;
  return {
    baseUrl: instance.baseUrl,
    hasToken: instance.hasToken,
    tokenWorks: instance.check?.ok === true,
    lastUsedAt,
  };
}

export function App({
  backend,
  settingsStore = browserSettingsStore,
  watchSource = browserWatchSource,
  now = new Date(),
}: {
  backend: OptionsBackend;
  settingsStore?: SettingsStore;
  watchSource?: WatchSource;
  now?: Date;
}) {
  const settings = useSettings(settingsStore);
  const values = settings.values;
  const [instances, setInstances] = useState<InstanceView[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [busyBaseUrl, setBusyBaseUrl] = useState<string | null>(null);
  const [url, setUrl] = useState('https://gitlab.com');
  const [token, setToken] = useState('');
  const [saving, setSaving] = useState(false);
  const [outcome, setOutcome] = useState<SaveOutcome | null>(null);

  const [staleReport, setStaleReport] = useState<StaleReport | null>(null);
  const [lastOpened, setLastOpened] = useState<Record<string, string>>({});
  useEffect(() => watchSource.followReport(setStaleReport), [watchSource]);
  useEffect(() => {
    let current = true;
    if (instances)
      // Without them the form still starts on an instance with a token: nothing to report.
      watchSource.lastOpened(instances).then(
        (last) => {
          if (current) setLastOpened(last);
        },
        () => {},
      );
    return () => {
      current = false;
    };
  }, [watchSource, instances]);
  const watchInstances =
    instances?.map((instance) => watchInstanceOf(instance, lastOpened[instance.baseUrl])) ?? null;

  // Bumped after every change: the effect below then lists the instances again.
  const [listVersion, setListVersion] = useState(0);
  const reload = () => setListVersion((version) => version + 1);

  useEffect(() => {
    let current = true;
    backend.list().then(
      (list) => {
        if (!current) return;
        setInstances(list);
        setLoadError(null);
      },
      (error: unknown) => {
        if (current)
          setLoadError(
            error instanceof Error ? error.message : 'OKR Lens could not list your instances.',
          );
      },
    );
    return () => {
      current = false;
    };
  }, [backend, listVersion]);

  // Runs inside the submit event: the permission prompt is the first thing awaited, while the
  // browser still counts the click as the user's gesture.
  const save = async () => {
    const normalised = normaliseInstanceUrl(url);
    if (!normalised) {
      setOutcome({
        kind: 'problem',
        problem: {
          kind: 'invalidRequest',
          message:
            'Enter your GitLab’s web address, e.g. https://gitlab.com or https://example.com/gitlab.',
        },
      });
      return;
    }
    setSaving(true);
    setOutcome(null);
    try {
      if (needsHostPermission(normalised.origin)) {
        const granted = await backend.requestHostPermission(
          hostPermissionPattern(normalised.origin),
        );
        if (!granted) {
          setOutcome({ kind: 'permissionDenied', origin: normalised.origin });
          return;
        }
      }
      const answer = await backend.save(normalised.baseUrl, token.trim() || undefined);
      if (answer.ok) {
        setOutcome({ kind: 'saved', instance: answer.instance });
        setToken('');
      } else {
        setOutcome({ kind: 'problem', problem: answer.problem });
      }
    } catch {
      setOutcome({
        kind: 'problem',
        problem: {
          kind: 'unknown',
          message: 'OKR Lens could not save this. Reload the page and try again.',
        },
      });
    } finally {
      setSaving(false);
      reload();
    }
  };

  const runOn = (baseUrl: string, action: () => Promise<unknown>) => {
    setBusyBaseUrl(baseUrl);
    void action()
      .catch((error: unknown) =>
        setLoadError(error instanceof Error ? error.message : 'That did not work.'),
      )
      .finally(() => {
        setBusyBaseUrl(null);
        reload();
      });
  };

  return (
    <main className="opt-page">
      <header className="opt-header">
        <h1>OKR Lens settings</h1>
        <p className="opt-muted">
          OKR Lens shows the parent chain, a computed score and the handbook’s checks on GitLab
          objectives and key results. It reads them with your personal access token.
        </p>
        <p>
          <a href="/map.html" target="_blank" rel="noreferrer" data-testid="options-open-map">
            Open the quarter map
          </a>
          <span className="opt-muted">
            : every objective and key result of a group or project for one quarter.
          </span>
        </p>
      </header>
      <InstanceList
        instances={instances}
        busyBaseUrl={busyBaseUrl}
        loadError={loadError}
        now={now}
        onCheck={(baseUrl) => runOn(baseUrl, () => backend.check(baseUrl))}
        onRemove={(baseUrl) => runOn(baseUrl, () => backend.remove(baseUrl))}
        onAddToken={(baseUrl) => {
          setUrl(baseUrl);
          setOutcome(null);
          document
            .getElementById('opt-add')
            ?.querySelector<HTMLInputElement>('input[type="password"]')
            ?.focus();
        }}
      />
      <div id="opt-add">
        <AddInstanceForm
          url={url}
          token={token}
          saving={saving}
          outcome={outcome}
          now={now}
          onUrlChange={setUrl}
          onTokenChange={setToken}
          onSave={() => void save()}
        />
      </div>
      {settings.loadError && (
        <p className="opt-callout opt-callout--danger" role="alert">
          {settings.loadError}
        </p>
      )}
      <CarrierSection
        instances={instances}
        choices={values?.carrierChoices ?? null}
        onChoicesChange={(choices) => settings.change('carrierChoices', choices)}
        onDetect={(baseUrl, path) => backend.detectCarrier(baseUrl, path)}
      />
      <RuleSettingsSection
        settings={values?.rules ?? null}
        onChange={(ruleId, patch) => {
          if (!values) return;
          const rules = values.rules as unknown as Record<string, object>;
          settings.change('rules', {
            ...values.rules,
            [ruleId]: { ...rules[ruleId], ...patch },
          } as typeof values.rules);
        }}
        onRestoreDefaults={() =>
          settings.changeMany({ rules: HANDBOOK_RULES, staleness: HANDBOOK_STALENESS })
        }
      />
      <TopLevelObjectivesSection
        entries={values?.topLevelObjectives ?? null}
        onChange={(entries) => settings.change('topLevelObjectives', entries)}
      />
      <StalenessSection
        staleness={values?.staleness ?? null}
        holidays={values?.holidays ?? null}
        handbook={HANDBOOK_STALENESS}
        onStalenessChange={(staleness) => settings.change('staleness', staleness)}
        onHolidaysChange={(holidays) => settings.change('holidays', holidays)}
      />
      <BadgeSection
        watched={values?.watchedNamespaces ?? null}
        refreshMinutes={values?.refreshMinutes ?? null}
        defaultMinutes={DEFAULT_REFRESH_MINUTES}
        instances={watchInstances ?? []}
        watchProblem={(namespace) => watchProblemOf(namespace, watchInstances, staleReport)}
        onWatchedChange={(watched) => settings.change('watchedNamespaces', watched)}
        onRefreshMinutesChange={(minutes) => settings.change('refreshMinutes', minutes)}
      />
      <SaveStatus state={settings.saveState} />
    </main>
  );
}

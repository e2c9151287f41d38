// The settings app: the instance list, the form that adds one, and room for rule settings.
// It owns the page's state and talks to the background through the backend it is given.
import { useEffect, useState } from 'react';
import { normaliseInstanceUrl } from '../../lib/instances';
import type { InstanceView } from '../../lib/messages';
import { AddInstanceForm, type SaveOutcome } from '../../components/options/AddInstanceForm';
import { InstanceList } from '../../components/options/InstanceList';
import { RuleSettingsPlaceholder } from '../../components/options/RuleSettingsPlaceholder';
import { hostPermissionPattern, needsHostPermission } from '../../components/options/token-check';
import type { OptionsBackend } from './backend';

export function App({ backend, now = new Date() }: { backend: OptionsBackend; now?: Date }) {
  const [instances, setInstances] = useState<InstanceView[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [busyBaseUrl, setBusyBaseUrl] = useState<string | null>(null);
  const [url, setUrl] = useState('https://gitlab.com');
  const [token, setToken] = useState('');
  const [saving, setSaving] = useState(false);
  const [outcome, setOutcome] = useState<SaveOutcome | null>(null);

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
      <RuleSettingsPlaceholder />
    </main>
  );
}

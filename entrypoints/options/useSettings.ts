// The settings half of the options page: loads the settings once, keeps what the person changes,
// and hands each change to the saver (which writes it a moment later, or when the page goes).
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { SaveState } from '../../components/options/SaveStatus';
import { createSaver } from './saver';
import type { OptionsSettings, SettingKey, SettingsStore } from './settings-store';

export interface Settings {
  values: OptionsSettings | null;
  loadError: string | null;
  saveState: SaveState;
  change<K extends SettingKey>(key: K, value: OptionsSettings[K]): void;
  /** Several settings at once (restoring defaults). */
  changeMany(values: Partial<OptionsSettings>): void;
}

export function useSettings(store: SettingsStore): Settings {
  const [values, setValues] = useState<OptionsSettings | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [saveState, setSaveState] = useState<SaveState>('idle');
  const saver = useMemo(() => createSaver(store, setSaveState), [store]);

  useEffect(() => {
    let current = true;
    store.load().then(
      (loaded) => {
        if (current) setValues(loaded);
      },
      () => {
        if (current) setLoadError('OKR Lens could not read its settings. Reload this page.');
      },
    );
    return () => {
      current = false;
    };
  }, [store]);

  // Leaving the page (or this app unmounting) saves what is still waiting.
  useEffect(() => {
    const onHide = () => saver.flush();
    globalThis.addEventListener?.('pagehide', onHide);
    return () => {
      globalThis.removeEventListener?.('pagehide', onHide);
      saver.flush();
    };
  }, [saver]);

  const changeMany = useCallback(
    (changes: Partial<OptionsSettings>) => {
      setValues((previous) => (previous ? { ...previous, ...changes } : previous));
      saver.change(changes);
    },
    [saver],
  );

  const change = useCallback(
    <K extends SettingKey>(key: K, value: OptionsSettings[K]) =>
      changeMany({ [key]: value } as Partial<OptionsSettings>),
    [changeMany],
  );

  return { values, loadError, saveState, change, changeMany };
}

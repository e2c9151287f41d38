// The settings half of the options page: loads the settings once, keeps what the person changes,
// and saves each setting a moment after its last change (at once when the page goes away).
import { useCallback, useEffect, useRef, useState } from 'react';
import type { SaveState } from '../../components/options/SaveStatus';
import type { OptionsSettings, SettingKey, SettingsStore } from './settings-store';

/** Typing "12" saves once, not twice. */
export const SAVE_DELAY_MS = 400;

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
  const pending = useRef(new Map<SettingKey, unknown>());
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const running = useRef(0);

  useEffect(() => {
    let current = true;
    store.load().then(
      (loaded) => current && setValues(loaded),
      () => current && setLoadError('OKR Lens could not read its settings. Reload this page.'),
    );
    return () => {
      current = false;
    };
  }, [store]);

  const flush = useCallback(() => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    const batch = [...pending.current];
    pending.current.clear();
    if (batch.length === 0) return;
    running.current += 1;
    void Promise.all(
      batch.map(([key, value]) => store.save(key, value as OptionsSettings[typeof key])),
    ).then(
      () => {
        running.current -= 1;
        if (running.current === 0 && pending.current.size === 0) setSaveState('saved');
      },
      () => {
        running.current -= 1;
        setSaveState('failed');
      },
    );
  }, [store]);

  // Leaving the page (or this app unmounting) saves what is still waiting.
  useEffect(() => {
    const onHide = () => flush();
    globalThis.addEventListener?.('pagehide', onHide);
    return () => {
      globalThis.removeEventListener?.('pagehide', onHide);
      flush();
    };
  }, [flush]);

  const changeMany = useCallback(
    (changes: Partial<OptionsSettings>) => {
      setValues((previous) => (previous ? { ...previous, ...changes } : previous));
      for (const [key, value] of Object.entries(changes))
        pending.current.set(key as SettingKey, value);
      setSaveState('saving');
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(flush, SAVE_DELAY_MS);
    },
    [flush],
  );

  const change = useCallback(
    <K extends SettingKey>(key: K, value: OptionsSettings[K]) =>
      changeMany({ [key]: value } as Partial<OptionsSettings>),
    [changeMany],
  );

  return { values, loadError, saveState, change, changeMany };
}

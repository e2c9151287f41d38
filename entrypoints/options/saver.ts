// Saves settings a moment after their last change, each setting once with its newest value, and
// says where saving stands: typing "12" writes once, and leaving the page writes what waits.
import type { SaveState } from '../../components/options/SaveStatus';
import type { OptionsSettings, SettingKey, SettingsStore } from './settings-store';

/** Typing "12" saves once, not twice. */
export const SAVE_DELAY_MS = 400;

export interface Saver {
  change(changes: Partial<OptionsSettings>): void;
  /** Writes what waits now (the page is going away). */
  flush(): void;
}

export function createSaver(
  store: SettingsStore,
  onState: (state: SaveState) => void,
  delayMs = SAVE_DELAY_MS,
): Saver {
  const pending = new Map<SettingKey, unknown>();
  let timer: ReturnType<typeof setTimeout> | null = null;
  let running = 0;
  let failed = false;

  function flush() {
    if (timer) clearTimeout(timer);
    timer = null;
    const batch = [...pending];
    pending.clear();
    if (batch.length === 0) return;
    running += 1;
    void Promise.all(
      batch.map(([key, value]) => store.save(key, value as OptionsSettings[typeof key])),
    )
      .catch(() => {
        failed = true;
      })
      .finally(() => {
        running -= 1;
        if (running > 0 || pending.size > 0) return;
        onState(failed ? 'failed' : 'saved');
        failed = false;
      });
  }

  return {
    change(changes) {
      for (const [key, value] of Object.entries(changes)) pending.set(key as SettingKey, value);
      onState('saving');
      if (timer) clearTimeout(timer);
      timer = setTimeout(flush, delayMs);
    },
    flush,
  };
}

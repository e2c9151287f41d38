import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SaveState } from '@/components/options/SaveStatus';
import { createSaver } from '@/entrypoints/options/saver';
import type { SettingsStore } from '@/entrypoints/options/settings-store';

function store(fail = false) {
  const writes: [string, unknown][] = [];
  const settingsStore: SettingsStore = {
    load: () => Promise.reject(new Error('not used')),
    save: async (key, value) => {
      if (fail) throw new Error('quota');
      writes.push([key, value]);
    },
  };
  return { settingsStore, writes };
}

describe('saving settings as they change', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('writes each setting once, with its newest value, a moment after the last change', async () => {
    const { settingsStore, writes } = store();
    const states: SaveState[] = [];
    const saver = createSaver(settingsStore, (state) => states.push(state), 400);
    saver.change({ refreshMinutes: 1 });
    await vi.advanceTimersByTimeAsync(200);
    saver.change({ refreshMinutes: 12 });
    saver.change({ holidays: ['2026-12-25'] });
    await vi.advanceTimersByTimeAsync(399);
    expect(writes).toEqual([]);
    expect(states.at(-1)).toBe('saving');
    await vi.advanceTimersByTimeAsync(1);
    expect(writes).toEqual([
      ['refreshMinutes', 12],
      ['holidays', ['2026-12-25']],
    ]);
    expect(states.at(-1)).toBe('saved');
  });

  it('writes what waits at once when the page goes away', async () => {
    const { settingsStore, writes } = store();
    const saver = createSaver(settingsStore, () => {}, 400);
    saver.change({ topLevelObjectives: ['g/p#1'] });
    saver.flush();
    await vi.advanceTimersByTimeAsync(0);
    expect(writes).toEqual([['topLevelObjectives', ['g/p#1']]]);
    await vi.advanceTimersByTimeAsync(1000);
    expect(writes).toHaveLength(1);
  });

  it('says so when the browser refuses', async () => {
    const { settingsStore } = store(true);
    const states: SaveState[] = [];
    const saver = createSaver(settingsStore, (state) => states.push(state), 400);
    saver.change({ refreshMinutes: 5 });
    await vi.advanceTimersByTimeAsync(400);
    expect(states.at(-1)).toBe('failed');
  });
});

// An in-memory stand-in for the extension storage a service loads and saves as one record map
// (cached views, drafts): both directions copy, as browser storage serialises.
export interface MemoryRecords<V> {
  load(): Promise<Record<string, V>>;
  save(next: Record<string, V>): Promise<void>;
  /** What storage holds now, for assertions. */
  readonly entries: Record<string, V>;
}

export function memoryRecords<V>(): MemoryRecords<V> {
  let entries: Record<string, V> = {};
  return {
    load: async () => structuredClone(entries),
    save: async (next) => void (entries = structuredClone(next)),
    get entries() {
      return entries;
    },
  };
}

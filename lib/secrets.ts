// Where tokens live: the background's IndexedDB, which belongs to the extension's origin. Unlike
// storage.local, no content script can read it (content scripts run in the page's origin), in
// Chrome and in Firefox alike.

/** One token per GitLab instance, keyed by the instance's base URL. */
export interface SecretStore {
  get(baseUrl: string): Promise<string | null>;
  set(baseUrl: string, token: string): Promise<void>;
  remove(baseUrl: string): Promise<void>;
}

const DB_NAME = 'okr-lens-secrets';
const STORE = 'tokens';

function openDatabase(factory: IDBFactory): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = factory.open(DB_NAME, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB could not be opened'));
  });
}

function run<T>(
  database: Promise<IDBDatabase>,
  mode: IDBTransactionMode,
  action: (store: IDBObjectStore) => IDBRequest,
): Promise<T> {
  return database.then(
    (db) =>
      new Promise<T>((resolve, reject) => {
        const transaction = db.transaction(STORE, mode);
        const request = action(transaction.objectStore(STORE));
        transaction.oncomplete = () => resolve(request.result as T);
        transaction.onerror = () => reject(transaction.error ?? new Error('IndexedDB failed'));
      }),
  );
}

export function createIndexedDbSecretStore(factory: IDBFactory = indexedDB): SecretStore {
  let database: Promise<IDBDatabase> | null = null;
  const db = () => (database ??= openDatabase(factory));
  return {
    async get(baseUrl) {
      const value = await run<unknown>(db(), 'readonly', (store) => store.get(baseUrl));
      return typeof value === 'string' ? value : null;
    },
    async set(baseUrl, token) {
      await run(db(), 'readwrite', (store) => store.put(token, baseUrl));
    },
    async remove(baseUrl) {
      await run(db(), 'readwrite', (store) => store.delete(baseUrl));
    },
  };
}

/** For unit tests and the command line, where tokens come from the environment. */
export function createMemorySecretStore(initial: Record<string, string> = {}): SecretStore {
  const tokens = new Map(Object.entries(initial));
  return {
    get: async (baseUrl) => tokens.get(baseUrl) ?? null,
    set: async (baseUrl, token) => void tokens.set(baseUrl, token),
    remove: async (baseUrl) => void tokens.delete(baseUrl),
  };
}

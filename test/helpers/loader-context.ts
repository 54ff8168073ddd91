/**
 * A minimal LoaderContext for running a loader outside Astro: an in-memory store and meta, a logger that
 * records what it printed, and Astro's digest semantics (set() reports whether the entry changed).
 */
import { createHash } from 'node:crypto';
import type { LoaderContext } from 'astro/loaders';

export interface StoredEntry {
  id: string;
  data: Record<string, unknown>;
  digest?: string | number;
}

export interface TestContext {
  context: LoaderContext;
  entries: Map<string, StoredEntry>;
  logs: { info: string[]; warn: string[] };
}

export function createLoaderContext(collection = 'pages', entries = new Map<string, StoredEntry>()): TestContext {
  const logs = { info: [] as string[], warn: [] as string[] };
  const meta = new Map<string, string>();
  const store = {
    get: (id: string) => entries.get(id),
    entries: () => [...entries.entries()],
    values: () => [...entries.values()],
    keys: () => [...entries.keys()],
    has: (id: string) => entries.has(id),
    delete: (id: string) => void entries.delete(id),
    clear: () => entries.clear(),
    set: (entry: StoredEntry) => {
      const previous = entries.get(entry.id);
      if (previous && entry.digest !== undefined && previous.digest === entry.digest) return false;
      entries.set(entry.id, entry);
      return true;
    },
    addModuleImport: () => {},
  };
  const logger = {
    info: (m: string) => logs.info.push(m),
    warn: (m: string) => logs.warn.push(m),
    error: (m: string) => logs.warn.push(m),
    debug: () => {},
    fork: () => logger,
    label: collection,
    options: {},
  };
  const context = {
    collection,
    store,
    meta: { get: (k: string) => meta.get(k), set: (k: string, v: string) => void meta.set(k, v), has: (k: string) => meta.has(k), delete: (k: string) => void meta.delete(k) },
    logger,
    config: {},
    parseData: async ({ data }: { data: Record<string, unknown> }) => data,
    renderMarkdown: async () => ({ html: '' }),
    generateDigest: (data: Record<string, unknown> | string) => createHash('sha1').update(JSON.stringify(data)).digest('hex'),
  } as unknown as LoaderContext;
  return { context, entries, logs };
}

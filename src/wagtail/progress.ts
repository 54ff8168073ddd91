/**
 * Progress and the final report of a sync: long fetches say how far they are, and every build ends
 * with the numbers needed to see where its time went.
 */
import type { ClientStats } from './client.ts';

export interface Logger {
  info(message: string): void;
  warn(message: string): void;
}

/** Logs `n/N pages (x%) · r pages/s` at most once per interval, and always at the end. */
export function createProgress(logger: Logger, total: number, intervalMs = 1000) {
  const started = performance.now();
  let done = 0;
  let lastLog = started;
  const log = (): void => {
    const seconds = (performance.now() - started) / 1000;
    const rate = seconds > 0 ? Math.round(done / seconds) : done;
    const percent = total > 0 ? Math.floor((done / total) * 100) : 100;
    logger.info(`Fetched ${done}/${total} pages (${percent}%) · ${rate} pages/s`);
  };
  return {
    add(count: number): void {
      done += count;
      const now = performance.now();
      if (now - lastLog >= intervalMs && done < total) {
        lastLog = now;
        log();
      }
    },
    finish: log,
  };
}

/** Collects warnings and prints them grouped, so ten thousand pages with one quirk print one line, not 10,000. */
export function createWarnings(logger: Logger, shown = 20) {
  const messages: string[] = [];
  return {
    add(message: string): void {
      messages.push(message);
    },
    flush(): void {
      for (const message of messages.slice(0, shown)) logger.warn(message);
      if (messages.length > shown) logger.warn(`…and ${messages.length - shown} more warnings like these.`);
      messages.length = 0;
    },
  };
}

export interface PhaseTimer {
  phase<T>(name: string, work: () => Promise<T>): Promise<T>;
  readonly phases: ReadonlyArray<[string, number]>;
}

export function createPhaseTimer(): PhaseTimer {
  const phases: Array<[string, number]> = [];
  return {
    phases,
    async phase(name, work) {
      const start = performance.now();
      try {
        return await work();
      } finally {
        phases.push([name, performance.now() - start]);
      }
    },
  };
}

export function formatReport(summary: {
  pages: number;
  fetched: number;
  dependents: number;
  removed: number;
  skipped: number;
  vanished: number;
  stats: ClientStats;
  phases: ReadonlyArray<[string, number]>;
  /** How requests were made: the fetch controller's summary (concurrency, batch size). */
  fetching?: string;
}): string {
  const { stats } = summary;
  const total = summary.phases.reduce((sum, [, ms]) => sum + ms, 0);
  const phases = summary.phases.map(([name, ms]) => `${name} ${seconds(ms)}`).join(', ');
  const operations = Object.entries(stats.byOperation)
    .map(([op, n]) => `${op} ${n}`)
    .join(', ');
  const changes = [
    `${summary.fetched} fetched${summary.dependents ? ` (${summary.dependents} because a page they show moved or changed)` : ''}`,
    `${summary.pages - summary.fetched} unchanged`,
    `${summary.removed} removed`,
    summary.skipped ? `${summary.skipped} not routable` : '',
    summary.vanished ? `${summary.vanished} unpublished while syncing` : '',
  ].filter(Boolean);
  return (
    `Synced ${summary.pages} pages in ${seconds(total)} (${phases}); ` +
    `${stats.requests} requests (${operations}), ${stats.retries} retries, ${megabytes(stats.bytes)} received` +
    `${summary.fetching ? ` (${summary.fetching})` : ''}; ` +
    `${changes.join(', ')}.`
  );
}

const seconds = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;
const megabytes = (bytes: number): string => `${(bytes / 1_048_576).toFixed(2)} MB`;

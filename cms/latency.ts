/**
 * Simulated network and server time, so a client can be measured against a CMS that behaves like a real
 * Wagtail: requests cross a network (`rtt`), each costs server work that grows with the pages it resolves
 * (`pageTime`, `requestTime`), and the server has a fixed number of worker processes (`workers`): a request
 * holds one for its whole server time and the others queue, so concurrency beyond W only adds waiting.
 *
 * Work is simulated with timers, not CPU, so the client under test keeps the machine's cores.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { PageRecord } from './content/types.ts';
import type { LatencyOptions } from './options.ts';
import { Semaphore } from './semaphore.ts';

/** A listed page costs this share of `pageTime`; resolving its content costs the rest. */
export const LIST_ITEM_SHARE = 0.1;

export class LatencyModel {
  #options: Required<LatencyOptions>;
  #workers: Semaphore;

  constructor(options: LatencyOptions = {}) {
    this.#options = { rtt: 0, pageTime: 0, requestTime: 0, workers: 0, ...stripUndefined(options) };
    this.#workers = new Semaphore(this.#options.workers);
  }

  get options(): Required<LatencyOptions> {
    return { ...this.#options };
  }

  /** Changes the model at runtime; omitted fields keep their value. */
  set(options: LatencyOptions): void {
    this.#options = { ...this.#options, ...stripUndefined(options) };
    this.#workers.resize(this.#options.workers);
  }

  /** Half the round trip: call once before serving a request and once before answering. */
  async halfRtt(): Promise<void> {
    if (this.#options.rtt > 0) await sleep(this.#options.rtt / 2);
  }

  /**
   * Runs `task` in a worker slot; the slot is held until the simulated work of the request (the meter's
   * total plus `requestTime`) has elapsed, counting the real time the task took.
   */
  async serve<T>(task: (meter: WorkMeter) => Promise<T>, onSlot?: (held: boolean) => void): Promise<T> {
    const release = await this.#workers.acquire();
    onSlot?.(true);
    try {
      const meter = new WorkMeter(this.#options.pageTime);
      const started = performance.now();
      const result = await task(meter);
      const remaining = meter.total + this.#options.requestTime - (performance.now() - started);
      if (remaining > 1) await sleep(remaining);
      return result;
    } finally {
      onSlot?.(false);
      release();
    }
  }
}

/** Adds up the simulated work of one request. */
export class WorkMeter {
  total = 0;
  readonly #pageTime: number;
  readonly #full = new WeakSet<PageRecord>();

  constructor(pageTime: number) {
    this.#pageTime = pageTime;
  }

  lookup(page: PageRecord): void {
    this.total += this.#pageTime;
    this.#full.add(page);
  }

  item(_page: PageRecord): void {
    this.total += this.#pageTime * LIST_ITEM_SHARE;
  }

  content(page: PageRecord): void {
    if (this.#full.has(page)) return;
    this.#full.add(page);
    this.total += this.#pageTime * (1 - LIST_ITEM_SHARE);
  }
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/**
 * Simulated network and server time, so a client can be measured against a CMS that behaves like a real
 * Wagtail: requests cross a network (`rtt`), each costs server work that grows with the pages it resolves
 * (`pageTime`, `requestTime`), and the server has a fixed number of worker processes (`workers`): a request
 * holds one for its whole server time and the others queue, so concurrency beyond W only adds waiting.
 * Optionally, requests beyond W also slow every request down (`contention`: a saturated Python process
 * spends its core switching between threads, holding the GIL, thrashing caches and DB connections), and a
 * full queue sheds load with 503 (`queueLimit`, as a proxy in front of a busy server does).
 *
 * Work is simulated with timers, not CPU, so the client under test keeps the machine's cores.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { PageRecord } from './content/types.ts';
import type { LatencyOptions } from './options.ts';
import { Semaphore } from './semaphore.ts';

/** A listed page costs this share of `pageTime`; resolving its content costs the rest. */
export const LIST_ITEM_SHARE = 0.1;

/**
 * The `contention` that reproduces a real Wagtail + grapple served by one process (W = 1): batches of 10
 * pages at concurrency 16 took 1.5× as long as at concurrency 4 (the time for the same batches, i.e. per
 * batch of server time, since one worker serves one batch after the other).
 *
 * A client keeping c requests open keeps c in the server, so each batch's service time is
 * `10 × pageTime × contentionFactor(c, 1, k)`, and the ratio does not depend on pageTime:
 *
 *   (1 + k × (16 − 1)) / (1 + k × (4 − 1)) = 1.5  ⇔  1 + 15k = 1.5 + 4.5k  ⇔  k = 0.5 / 10.5 = 1/21 ≈ 0.048
 *
 * Rounded to 0.05: (1 + 0.75) / (1 + 0.15) = 1.75 / 1.15 ≈ 1.52. With pageTime 16 ms a batch takes
 * 160 ms × 1.15 = 184 ms at concurrency 4 and 160 ms × 1.75 = 280 ms at concurrency 16.
 */
export const CALIBRATED_CONTENTION = 0.05;

/**
 * How much slower server work runs with `inServer` GraphQL requests in the server (waiting for a worker
 * or holding one): `1 + contention × max(0, inServer − workers)`. 1 with unlimited workers (0).
 */
export function contentionFactor(inServer: number, workers: number, contention: number): number {
  if (contention <= 0 || workers <= 0) return 1;
  return 1 + contention * Math.max(0, inServer - workers);
}

const DEFAULTS: Required<LatencyOptions> = { rtt: 0, pageTime: 0, requestTime: 0, workers: 0, contention: 0, queueLimit: null };

interface Sleeper {
  /** The progress at which the request's work is done. */
  target: number;
  resolve: () => void;
  timer?: NodeJS.Timeout;
}

export class LatencyModel {
  #options: Required<LatencyOptions>;
  #workers: Semaphore;
  /** GraphQL requests in `serve()`: waiting for a worker or holding one. */
  #inServer = 0;
  #factor = 1;
  /**
   * Work done per request in service since the model started, in nominal milliseconds: it grows by
   * 1/factor per real millisecond (every request in service runs at the same rate, so one clock does).
   */
  #progress = 0;
  #progressAt = performance.now();
  /** Requests in service whose task has finished, waiting for their simulated work to be done. */
  #sleepers = new Set<Sleeper>();

  constructor(options: LatencyOptions = {}) {
    this.#options = { ...DEFAULTS, ...checked(options) };
    this.#workers = new Semaphore(this.#options.workers);
  }

  get options(): Required<LatencyOptions> {
    return { ...this.#options };
  }

  /** Changes the model at runtime; omitted fields keep their value. */
  set(options: LatencyOptions): void {
    const next = checked(options);
    this.#change(() => {
      this.#options = { ...this.#options, ...next };
      this.#workers.resize(this.#options.workers);
    });
  }

  /** GraphQL requests in the server now (waiting for a worker or holding one). */
  get inServer(): number {
    return this.#inServer;
  }

  /**
   * Whether a GraphQL request arriving now is to be refused (503) rather than queued: every worker is
   * busy and `queueLimit` requests already wait. Nothing may be awaited between this check and `serve()`.
   */
  get shedding(): boolean {
    const { queueLimit } = this.#options;
    return queueLimit !== null && this.#workers.full && this.#workers.waiting >= queueLimit;
  }

  /** Half the round trip: call once before serving a request and once before answering. */
  async halfRtt(): Promise<void> {
    if (this.#options.rtt > 0) await sleep(this.#options.rtt / 2);
  }

  /**
   * Runs `task` in a worker slot; the slot is held until the simulated work of the request (the meter's
   * total plus `requestTime`) has been done, counting the real time the task took. Under contention the
   * work advances at 1/factor of real time, the factor following the number of requests in the server.
   */
  async serve<T>(task: (meter: WorkMeter) => Promise<T>, onSlot?: (held: boolean) => void): Promise<T> {
    this.#change(() => this.#inServer++);
    try {
      const release = await this.#workers.acquire();
      onSlot?.(true);
      try {
        this.#advance();
        const start = this.#progress;
        const meter = new WorkMeter(this.#options.pageTime);
        const result = await task(meter);
        await this.#workUntil(start + meter.total + this.#options.requestTime);
        return result;
      } finally {
        onSlot?.(false);
        release();
      }
    } finally {
      this.#change(() => this.#inServer--);
    }
  }

  /** Brings the progress clock to now, at the factor that held since it was last brought up. */
  #advance(): void {
    const now = performance.now();
    this.#progress += (now - this.#progressAt) / this.#factor;
    this.#progressAt = now;
  }

  /** Applies a change of what the factor depends on; sleeping requests wake at their new time. */
  #change(update: () => void): void {
    this.#advance();
    update();
    const factor = contentionFactor(this.#inServer, this.#options.workers, this.#options.contention);
    if (factor === this.#factor) return;
    this.#factor = factor;
    for (const sleeper of this.#sleepers) this.#schedule(sleeper);
  }

  #workUntil(target: number): Promise<void> {
    this.#advance();
    // Less than a millisecond left is not worth a timer (as before contention existed).
    if ((target - this.#progress) * this.#factor <= 1) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const sleeper: Sleeper = { target, resolve };
      this.#sleepers.add(sleeper);
      this.#schedule(sleeper);
    });
  }

  /** (Re)arms a sleeper's timer for the real time its remaining work takes at the current factor. */
  #schedule(sleeper: Sleeper): void {
    clearTimeout(sleeper.timer);
    const wait = Math.max(0, (sleeper.target - this.#progress) * this.#factor);
    sleeper.timer = setTimeout(() => {
      this.#advance();
      if ((sleeper.target - this.#progress) * this.#factor <= 1) {
        this.#sleepers.delete(sleeper);
        sleeper.resolve();
      } else {
        this.#schedule(sleeper);
      }
    }, wait);
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

/** The options given (undefined fields dropped), after checking the new ones. */
function checked(options: LatencyOptions): Partial<LatencyOptions> {
  const { contention, queueLimit } = options;
  if (contention !== undefined && !(Number.isFinite(contention) && contention >= 0)) {
    throw new RangeError(`contention must be a number >= 0 (0 = off), got ${contention}.`);
  }
  if (queueLimit !== undefined && queueLimit !== null && !(Number.isInteger(queueLimit) && queueLimit >= 0)) {
    throw new RangeError(`queueLimit must be an integer >= 0, or null for an unlimited queue, got ${queueLimit}.`);
  }
  return Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) as Partial<LatencyOptions>;
}

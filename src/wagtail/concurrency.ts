/**
 * How many requests the sync keeps in flight, and how many pages each detail request asks for.
 *
 * `CMS_CONCURRENCY=auto` (the default) finds the CMS's knee, the concurrency at which it is fully busy and
 * no more, by following throughput as TCP congestion control follows a path's:
 *  - A round is a few responses to requests sent under the current settings. Its throughput follows from
 *    Little's law (the slots stay full while work waits): limit × pages per request / time a slot is held.
 *    Latency is the client's clock from sending to having the whole body, without the build's own work.
 *  - The limit starts at 1 and grows while each step brings GAIN more throughput: one at a time below 4
 *    (a one-worker CMS with a queue of two sheds at 4 when its knee is 2), then by half while the step paid
 *    about as much as it added or nothing waited (TCP Vegas's estimate of requests queued in the CMS,
 *    `limit × (1 − L0 / L)` with L0 the no-load latency, is below ALPHA), by a quarter as gains thin out.
 *  - A step that does not pay is undone, and that limit is not tried again.
 *  - Then (details, `CMS_BATCH_SIZE=auto`) the batch doubles while that pays, within a response-size bound
 *    and MAX_BATCH. A bigger batch keeps the CMS busy longer per request, so the limit is searched again.
 *  - A 429, 503 or timeout halves the limit at once and caps it below the limit that overloaded.
 * Listing and details have their own measurements: a listing request costs the CMS a fraction of a detail
 * batch, so its knee says little about theirs. `CMS_MAX_RPS` spaces request starts whatever the mode.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import pLimit from 'p-limit';

export interface FetchController {
  /** Requests in flight at most, now. */
  readonly limit: number;
  /** The most requests that can ever be in flight (workers beyond it would only wait). */
  readonly ceiling: number;
  /** Pages to ask for in the next detail request. */
  batchSize(): number;
  /**
   * Waits for a slot (and the rate cap), runs the request and learns from its latency. `pages` tells, once
   * the work is done, how many pages a detail request asked for (the batch size depends on it); 0 means
   * not to learn from this request. Other requests (the listing) leave it out.
   */
  run<T>(work: () => Promise<T>, pages?: () => number): Promise<T>;
  /** Tells the controller the CMS is overloaded (429, 503, a timeout). */
  overloaded(): void;
  /**
   * Tells the controller how long an attempt made inside `run` took to come back whole (the client's
   * clock, without parsing): the latency it learns from.
   */
  responded(ms: number): void;
  /** Another kind of request starts (details after the listing): it is measured afresh. */
  startDetails(): void;
  /** Records the average size of a page in detail responses so far, for the response-size bound. */
  pageBytes(bytes: number): void;
  /** What it settled on, for the sync report. */
  summary(): string;
}

export interface ControllerOptions {
  /** A fixed limit, or 'auto'. */
  concurrency: number | 'auto';
  /** A fixed batch size, or 'auto'. */
  batchSize: number | 'auto';
  /** Request starts per second at most (0 or undefined: no cap). */
  maxRps?: number;
  now?: () => number;
}

/** Detail responses are kept under this many bytes: large answers cost the CMS memory and time out. */
export const MAX_RESPONSE_BYTES = 4 * 1024 * 1024;
/** Auto batches start at this size and never go beyond the largest a user may configure. */
export const AUTO_BATCH_START = 50;
export const MAX_BATCH = 100;
const AUTO_CEILING = 64;
/** A step is kept only if it brings this much more throughput: past the knee it brings none. */
const GAIN = 1.05;
/** Below this many requests waiting in the CMS (see `waiting`), latency is flat: ramp at full speed. */
const ALPHA = 0.5;
/** Responses per round at least, so one slow response does not decide; at most, so a round stays short. */
const ROUND_MIN = 3;
const ROUND_MAX = 8;

/** One request in `run`: the limit it started under, and the latency of each attempt the client made. */
interface Slot {
  epoch: number;
  attempts: number[];
}

interface Sample {
  /** The attempt's time from sending to its whole body (the CMS and the network). */
  latency: number;
  /** The slot's time: the attempt plus the build's work on the answer (parsing, checking). */
  busy: number;
  pages: number;
}

interface Phase {
  /** No-load latency: the least seen in this phase, from full-size requests. */
  minLatency: number;
  /** The best throughput so far and the limit and batch size it came at. */
  best: { limit: number; batch: number; perSecond: number } | null;
  /** The lowest limit that did not pay or overloaded the CMS: never reached again in this phase. */
  bad: number;
  /** What the round under way is trying: more requests in flight, then (details, auto) bigger batches. */
  step: 'limit' | 'batch' | 'settled';
  round: Sample[];
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

export function createController(options: ControllerOptions): FetchController {
  const now = options.now ?? (() => performance.now());
  const auto = options.concurrency === 'auto';
  const ceiling = options.concurrency === 'auto' ? AUTO_CEILING : options.concurrency;
  const autoBatch = options.batchSize === 'auto';
  const interval = options.maxRps ? 1000 / options.maxRps : 0;
  let nextStart = 0;
  let overloads = 0;
  let bytesPerPage = 0;

  let limit = auto ? 1 : ceiling;
  let batch = options.batchSize === 'auto' ? AUTO_BATCH_START : options.batchSize;
  /** Bumped at every change of limit or batch size: a response counts for the settings it was sent under. */
  let epoch = 0;
  const gate = pLimit(limit);
  // Which `run` an attempt belongs to, so the client's timing reaches the request it measures.
  const slots = new AsyncLocalStorage<Slot>();
  const freshPhase = (): Phase => ({ minLatency: Number.POSITIVE_INFINITY, best: null, bad: ceiling + 1, step: auto || autoBatch ? 'limit' : 'settled', round: [] });
  let phase = freshPhase();
  let detailPhase = false;
  /** The batch size before the batch search, to tell whether it moved. */
  let batchBefore = batch;

  const batchBound = () => (bytesPerPage > 0 ? Math.max(1, Math.floor(MAX_RESPONSE_BYTES / bytesPerPage)) : MAX_BATCH);
  const change = (nextLimit: number, nextBatch: number) => {
    limit = Math.max(1, Math.min(ceiling, phase.bad - 1, Math.floor(nextLimit)));
    gate.concurrency = limit;
    batch = nextBatch;
    epoch++;
    phase.round = [];
  };

  /** Bigger batches, once the limit is found: fewer requests for the same pages, if the CMS is quicker for it. */
  const tryBatch = () => {
    const bigger = Math.min(MAX_BATCH, batchBound(), batch * 2);
    if (!autoBatch || !detailPhase || bigger <= batch) return endBatchSearch();
    if (phase.step !== 'batch') batchBefore = batch;
    phase.step = 'batch';
    change(limit, bigger);
  };
  /** Bigger batches move the knee (each request keeps the CMS busy longer): if the batch grew, search the limit again. */
  const endBatchSearch = () => {
    const best = phase.best!;
    if (!auto || best.batch === batchBefore) {
      phase.step = 'settled';
      return;
    }
    batchBefore = best.batch;
    phase.bad = ceiling + 1;
    phase.step = 'limit';
    change(best.limit + 1, best.batch);
  };

  /**
   * The next limit to try: one more below 4, then half again while the last step paid about as much as it
   * added (or latency stayed flat), a quarter as the gains thin out near the knee. Never faster: the CMS
   * answers a round trip late, and a one-worker CMS with a queue of two sheds at twice a knee of 4.
   */
  const grown = (waiting: number, efficiency: number) =>
    limit < 4 ? limit + 1 : Math.max(limit + 1, limit * (waiting < ALPHA || efficiency >= 0.6 ? 1.5 : 1.25));

  /**
   * A round is over. Its throughput follows from Little's law (the slots are always full while work
   * waits): `limit × pages / busy`. A step that brought GAIN more is kept and the next tried; one that did
   * not is undone and ends that search.
   */
  const endRound = () => {
    const latency = median(phase.round.map((s) => s.latency));
    const perSecond = (limit * median(phase.round.map((s) => s.pages))) / (median(phase.round.map((s) => s.busy)) / 1000);
    // Requests waiting in the CMS (Little's law again, TCP Vegas's estimate): 0 while latency is flat.
    const waiting = limit * (1 - phase.minLatency / latency);
    const previous = phase.best;
    const paid = !previous || perSecond >= previous.perSecond * GAIN;
    if (paid) phase.best = { limit, batch, perSecond };
    const best = phase.best!;
    // Share of the step's added concurrency that came back as throughput (1: as if nothing waited).
    const efficiency = !previous || limit <= previous.limit ? 1 : (perSecond / previous.perSecond - 1) / (limit / previous.limit - 1);
    if (phase.step === 'limit') {
      if (!paid) {
        if (limit > best.limit) phase.bad = Math.min(phase.bad, limit);
        change(best.limit, best.batch);
        tryBatch();
        return;
      }
      if (Math.min(ceiling, phase.bad - 1) <= limit) tryBatch();
      else change(grown(waiting, efficiency), batch);
    } else {
      if (paid) return tryBatch();
      change(best.limit, best.batch);
      endBatchSearch();
    }
  };

  const learn = (sample: Sample, startedEpoch: number) => {
    // A short request (the last batch) is faster for being short, not for an idle CMS.
    if (!detailPhase || sample.pages >= batch) phase.minLatency = Math.min(phase.minLatency, sample.latency);
    if (phase.step === 'settled' || startedEpoch !== epoch) return;
    phase.round.push(sample);
    if (phase.round.length >= Math.max(ROUND_MIN, Math.min(limit, ROUND_MAX))) endRound();
  };

  return {
    get limit() {
      return limit;
    },
    ceiling,
    batchSize() {
      return autoBatch ? Math.min(batch, batchBound()) : batch;
    },
    run(work, pages) {
      return gate(async () => {
        if (interval > 0) {
          const at = Math.max(now(), nextStart);
          nextStart = at + interval;
          const wait = at - now();
          if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
        }
        const slot: Slot = { epoch, attempts: [] };
        const started = now();
        const result = await slots.run(slot, work);
        const asked = pages ? pages() : 1;
        // A retried request's latency is mostly the back-off; an overload has its own reaction.
        const [latency] = slot.attempts;
        if (asked > 0 && latency !== undefined && slot.attempts.length === 1) learn({ latency, busy: now() - started, pages: asked }, slot.epoch);
        return result;
      });
    },
    startDetails() {
      phase = freshPhase();
      detailPhase = true;
      if (auto) change(1, batch);
    },
    overloaded() {
      overloads++;
      if (!auto) return;
      // The CMS says it is full: this limit (and above) is bad for the rest of the phase.
      phase.bad = Math.min(phase.bad, limit);
      phase.step = 'settled';
      change(limit / 2, phase.best?.batch ?? batch);
    },
    responded(ms) {
      slots.getStore()?.attempts.push(ms);
    },
    pageBytes(bytes) {
      bytesPerPage = bytes;
    },
    summary() {
      const mode = auto ? `concurrency auto, settled at ${limit}` : `concurrency ${ceiling}`;
      const size = autoBatch ? `batch auto, settled at ${this.batchSize()}` : `batch ${batch}`;
      const rps = options.maxRps ? `, at most ${options.maxRps} requests/s` : '';
      const shed = overloads > 0 ? `, backed off ${overloads}× on overload` : '';
      return `${mode}, ${size}${rps}${shed}`;
    },
  };
}

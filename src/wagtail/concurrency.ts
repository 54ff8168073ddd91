/**
 * How many requests the sync keeps in flight, and how many pages each detail request asks for.
 *
 * `CMS_CONCURRENCY=auto` (the default) finds the CMS's knee, the concurrency at which it is fully busy and
 * no more, by following latency and throughput as TCP Vegas follows a path's:
 *  - A round is a few responses to requests sent under the current limit. Its throughput follows from
 *    Little's law: limit × pages per request / time a slot is held. Requests waiting in the CMS follow from
 *    latency: `limit × (1 − L0 / L)`, L0 being the no-load latency (the least round median) and L the
 *    round's slower quarter. Latency is the client's clock from sending to having the whole body, without
 *    the build's own work.
 *  - A round counts only requests that met the new load: the burst a higher limit lets out waits only for
 *    what is left of older work, so it would hide the queue the new limit makes. The burst is paced over
 *    one L0, as requests are spread at that limit: sent at once, they would arrive at once.
 *  - Each phase (listing, details) starts at 1, or at the knee the last sync of this CMS found (`learned`,
 *    kept in the build cache with the sync state) and with its L0 until it measures one: a rebuild's
 *    listing and a full refetch after a schema change start where the CMS was last fully busy. A rebuild's
 *    listing starts no lower than the limit that keeps as many workers busy as the details' knee did.
 *  - A step must bring GAIN more throughput (QUEUED_GAIN if a queue formed) and leave fewer than BETA
 *    requests waiting, or it is undone and that limit is not tried again in this sync. Later syncs try it
 *    again unless it overloaded the CMS or the CMS has one worker.
 *  - How far a step may go is bounded so that even a one-worker CMS with a queue of two per worker does not
 *    shed: a step adds what ¾ of the queue of the workers the CMS is known to have takes (requests/s × s,
 *    s being the time a worker spends on a request). s is at least a request's L0 less the reference's,
 *    the cheapest request's (the listing's first request, one chunk alone). Once a queue forms, a step
 *    may only fill what is left of it, and at most half the limit.
 *  - A step past the knee shows where the knee is: the requests that did not wait, `limit − waiting`
 *    (scaled by the time a slot is held over the latency, as the build's work holds slots too). That
 *    limit gets one round before the controller settles; from a remembered knee that queues, the phase
 *    goes down to it and grows again (the CMS may only be busy for a moment).
 *  - A first sync's phases do not climb from one request. Once the reference is back (listing) or the
 *    first batch has shown how big a page is (details), PROBE full requests go at once (a one-worker CMS
 *    queues two, which it takes; details send what ¾ of the queue of the workers the listing's rounds
 *    showed busy, or its probes served at once, takes with them, 2.5 a worker, if more). Those that
 *    came back together were served at once, by as many workers; each of the others waited a whole
 *    service time. The phase goes on at the limit that keeps that many workers busy (each takes L0 / s
 *    slots), which skips the rounds at one and two requests (~1 s at 100 ms) on every CMS of more than
 *    one worker. A listing probe that all came back together is followed at once by one twice its size,
 *    as long as they do: a first listing is over before rounds would reach a large CMS's knee.
 *  - A 429, 503 or timeout halves the limit at once and caps it below the limit that overloaded.
 * `CMS_BATCH_SIZE=auto` asks for as many pages per detail request as the response-size bound allows (at
 * most MAX_BATCH): per-request costs (the round trip, the CMS's request handling) are paid once per batch.
 * The first request asks for FIRST_BATCH pages to learn how big a page is (a first sync's goes in a slot the
 * listing's last requests leave free, so the details start at full batches); at the end of the sync what is
 * left is shared between the slots (half a full batch a request at least) so that none idles while another
 * works through a full batch.
 * `CMS_MAX_RPS` spaces request starts whatever the mode.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import pLimit from 'p-limit';
import { sleep as timerSleep } from './retry.ts';

export interface FetchController {
  /** Requests in flight at most, now. */
  readonly limit: number;
  /** The most requests that can ever be in flight (workers beyond it would only wait). */
  readonly ceiling: number;
  /** Pages to ask for in the next detail request, `remaining` pages being left to fetch. */
  batchSize(remaining?: number): number;
  /**
   * Waits for a slot (and the rate cap), runs the request and learns from its latency. `pages` tells, once
   * the work is done, how many pages a detail request asked for; 0 means not to learn from this request.
   * Other requests (the listing) leave it out.
   */
  run<T>(work: () => Promise<T>, pages?: () => number): Promise<T>;
  /** Tells the controller the CMS is overloaded (429, 503, a timeout). */
  overloaded(): void;
  /**
   * Tells the controller how long an attempt made inside `run` took to come back whole (the client's
   * clock, without parsing): the latency it learns from.
   */
  responded(ms: number): void;
  /**
   * Whether the controller has yet to measure the cheapest request there is (one listing chunk), so the
   * listing's first request, one chunk alone, is learnt from: see `reference` in `Learned`.
   */
  readonly wantsReference: boolean;
  /**
   * Whether auto batches have yet to learn how big a page is (a first sync): the first detail request
   * asks for FIRST_BATCH pages, and may go before the details start (see `prefetchFirstBatch`).
   */
  readonly wantsPageSize: boolean;
  /** Another kind of request starts (details after the listing): it is measured afresh. */
  startDetails(): void;
  /** Records the average size of a page in detail responses so far, for the response-size bound. */
  pageBytes(bytes: number): void;
  /** What it settled on, for the sync report. */
  summary(): string;
  /** What this sync learnt of the CMS (with `auto`), for the next sync to start from. */
  learned(): Learned;
}

/** Where a phase's limit ended, the no-load latency it measured, and the limits above it that failed. */
export interface Knee {
  limit: number;
  latency: number;
  /** The lowest limit that overloaded the CMS (or at which a phase ending still growing had a queue). */
  bad?: number;
  /** The lowest limit that only did not pay (no overload): tried again when the last sync saw two workers or more. */
  unpaid?: number;
}

/**
 * What one sync learnt of a CMS, kept in the build cache: the next sync starts each phase at its knee
 * instead of at 1, and asks for full batches at once.
 */
export interface Learned {
  listing?: Knee;
  details?: Knee;
  /** The average size of a page in detail responses. */
  pageBytes?: number;
  /**
   * Workers the CMS has at least, as detail requests showed (requests/s × the time the CMS spends on
   * one): the next listing, which cannot tell how long the CMS spends on a listing request, may step by
   * what a queue that many workers have can take, instead of one request at a time.
   */
  workers?: number;
  /**
   * The no-load latency of the cheapest request, a listing request for one chunk: the round trip and the
   * CMS's cost of any request. What a larger request takes beyond it is, at least, work a CMS worker does.
   */
  reference?: number;
}

export interface ControllerOptions {
  /** A fixed limit, or 'auto'. */
  concurrency: number | 'auto';
  /** A fixed batch size, or 'auto'. */
  batchSize: number | 'auto';
  /** Request starts per second at most (0 or undefined: no cap). */
  maxRps?: number;
  /** What an earlier sync of this CMS learnt (auto mode only). */
  start?: Learned;
  /** The clock, and a way to wait on it (simulations replace both). */
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

/** Detail responses are kept under this many bytes: large answers cost the CMS memory and time out. */
export const MAX_RESPONSE_BYTES = 4 * 1024 * 1024;
/** Auto batches: the first, before the size of a page is known, and the largest a user may configure. */
export const FIRST_BATCH = 10;
export const MAX_BATCH = 100;
/**
 * Listing chunks (grapple's pages of 100 rows) a listing request asks for after the first, as aliases: a
 * request costs the CMS its own overhead and the client a round trip, paid once for this many.
 */
export const LIST_CHUNKS = 10;
const AUTO_CEILING = 64;
/** A step is kept only if it brings this much more throughput: past the knee it brings none. */
const GAIN = 1.05;
/** A step that made a queue form must bring this much: near the knee, a few responses' noise is about 5%. */
const QUEUED_GAIN = 1.1;
/**
 * Requests waiting in the CMS at which a queue has formed: the knee is near. Large limits get a twelfth
 * of the limit, as latency that wanders by a few percent reads as that many waiting.
 */
const ALPHA = 0.5;
const queueFormed = (waiting: number, limit: number) => waiting >= Math.max(ALPHA, limit / 12);
/**
 * A step that leaves this many requests waiting did not pay, whatever throughput says (noise can say
 * anything over a few responses): past the knee, more in flight only queues. Large limits get half the
 * limit, as their latency wanders more.
 */
const BETA = 1.5;
/** Of the queue a one-worker CMS has (two requests), what a step may fill: the rest is for noise. */
const QUEUE_SHARE = 0.75;
/**
 * A knee (requests the CMS serves at once) falls between two limits: the higher keeps every worker busy
 * with less than a request waiting, the lower leaves one idle part of the time (two workers 100 ms away
 * and batches of 210 ms read 3.3). It is rounded up unless this close to the lower.
 */
const KNEE_SLACK = 0.1;
/** The most a step multiplies the limit by. */
const MAX_STEP = 2;
/**
 * Detail requests sent at once when a first sync's details switch to full batches: a one-worker CMS
 * serves one and queues two, which its queue of two takes, so the probe is safe on any CMS (see `endProbe`).
 */
export const PROBE = 3;
/** Responses per round at least, so one slow response does not decide; at most, so a round stays short. */
const ROUND_MIN = 3;
const ROUND_MAX = 8;

/** One request in `run`: the limit it started under, and the latency of each attempt the client made. */
interface Slot {
  epoch: number;
  attempts: number[];
  /** Not one of the requests sent at once when the limit grew: it met the CMS as the current limit loads it. */
  steady: boolean;
  /** One of the requests a probe sent at once. */
  probe: boolean;
}

interface Sample {
  /** The attempt's time from sending to its whole body (the CMS and the network). */
  latency: number;
  /** The slot's time: the attempt plus the build's work on the answer (parsing, checking). */
  busy: number;
  pages: number;
}

interface Phase {
  /**
   * No-load latency at the current batch size: the least of the rounds' median latencies (the first rounds,
   * at low limits, wait for nothing). The least single response would be the luckiest, not the typical.
   */
  baseLatency: number;
  /** The best throughput so far and the limit it came at. */
  best: { limit: number; perSecond: number; waiting: number } | null;
  /** The lowest limit that did not pay, in this phase or (on a one-worker CMS) a remembered one. */
  unpaid: number;
  /** The lowest limit that overloaded the CMS, in this phase or a remembered one: never reached again. */
  overload: number;
  /** A remembered limit that only did not pay, tried again (see `resume`): no step from below passes it. */
  retry: number;
  /** 'probe': the PROBE requests sent at once; 'knee': the one round at the knee a step past it showed. */
  step: 'probe' | 'grow' | 'knee' | 'settled';
  round: Sample[];
}

const quantile = (values: number[], q: number): number => [...values].sort((a, b) => a - b)[Math.floor(values.length * q)]!;
const median = (values: number[]): number => quantile(values, 0.5);
/**
 * The share of a request's latency that a CMS worker spends on it, at least: what the request takes beyond
 * the reference (the cheapest request: the round trip and the CMS's cost of any request), over its latency.
 */
const workShare = (latency: number, reference: number): number => Math.max(0, latency - reference) / latency;
/** Requests that keep `workers` busy and fill QUEUE_SHARE of their queue (two a worker): what a step may send. */
const withQueue = (workers: number): number => Math.floor(workers * (1 + 2 * QUEUE_SHARE));

export function createController(options: ControllerOptions): FetchController {
  const now = options.now ?? (() => performance.now());
  const sleep = options.sleep ?? timerSleep;
  const auto = options.concurrency === 'auto';
  const ceiling = options.concurrency === 'auto' ? AUTO_CEILING : options.concurrency;
  const autoBatch = options.batchSize === 'auto';
  const interval = options.maxRps ? 1000 / options.maxRps : 0;
  let nextStart = 0;
  let overloads = 0;
  const start = auto ? (options.start ?? {}) : {};
  let bytesPerPage = start.pageBytes ?? 0;

  let limit = auto ? 1 : ceiling;
  let batch = options.batchSize === 'auto' ? (bytesPerPage > 0 ? MAX_BATCH : FIRST_BATCH) : options.batchSize;
  /** Bumped at every change of limit or batch size: a response counts for the settings it was sent under. */
  let epoch = 0;
  const gate = pLimit(limit);
  // Which `run` an attempt belongs to, so the client's timing reaches the request it measures.
  const slots = new AsyncLocalStorage<Slot>();
  const freshPhase = (): Phase => ({ baseLatency: Number.POSITIVE_INFINITY, best: null, unpaid: ceiling + 1, overload: ceiling + 1, retry: ceiling + 1, step: auto ? 'grow' : 'settled', round: [] });
  let phase = freshPhase();
  /** The lowest limit that did not pay or overloaded the CMS: the phase stays below it. */
  const bad = () => Math.min(phase.unpaid, phase.overload);
  /** Each phase's knee as this sync found it, or as the last sync did if this one learnt nothing new. */
  const knees: Learned = { listing: start.listing, details: start.details };
  /** Where the phase's limit is, for `learned`: where it settled, else the best limit so far (if any). */
  const kneeNow = (): Knee | undefined => {
    const { best } = phase;
    if (!Number.isFinite(phase.baseLatency)) return undefined;
    // The limits that failed, in this sync or (resumed) in the last: the next sync stays below them.
    const failed = { ...(phase.overload <= ceiling ? { bad: phase.overload } : {}), ...(phase.unpaid < phase.overload ? { unpaid: phase.unpaid } : {}) };
    const at = (knee: number): Knee => ({ limit: knee, latency: phase.baseLatency, ...failed });
    if (phase.step === 'settled') return at(limit);
    // No round yet: where the phase resumed, or as many requests as a probe showed the CMS serves at once.
    if (!best) return phase.step === 'grow' ? at(limit) : undefined;
    // A phase that ended still growing but with a queue at its best limit had passed its knee: the next
    // sync starts where the CMS served without one and goes no further (on a one-worker CMS far away, the
    // listing's best limit sent again at the start overran the queue).
    if (!queueFormed(best.waiting, best.limit)) return at(phase.step === 'grow' ? limit : best.limit);
    return { limit: Math.max(1, Math.round(best.limit - best.waiting)), latency: phase.baseLatency, bad: best.limit };
  };
  /**
   * A phase resumes at the last sync's knee, taking that sync's no-load latency until it measures one. A
   * limit that overloaded the CMS then is not tried again. One that only did not pay is tried again on a
   * CMS known to have two workers or more (`Learned.workers`), whose queue takes the step as it did last
   * time: one round's noise would otherwise cap every later build (a sixteen-worker CMS's listing stayed
   * at 10 where 27 paid). On a one-worker CMS that step is where it sheds, if anywhere (in simulation,
   * trying it again on every sync doubled the sheds), so it is not taken again. Tried again, it is where
   * the climb goes first, not past: the first round at a resumed limit meets a CMS with no queue yet and
   * can read it up to half again as fast as it is (sixteen workers 1 ms away, resumed at 25, read as 20.7
   * and stepped to 50, past the 48 requests they and their queue hold).
   */
  const resume = (knee: Knee | undefined) => {
    if (!knee) return;
    phase.baseLatency = knee.latency;
    phase.overload = knee.bad ?? phase.overload;
    if ((start.workers ?? 1) < 2) phase.unpaid = knee.unpaid ?? phase.unpaid;
    else phase.retry = knee.unpaid ?? phase.retry;
    change(knee.limit);
  };
  /**
   * Where a rebuild's listing resumes: its own knee, or, if higher, the limit that keeps as many workers
   * busy as the details' knee did (each listing request holding a worker for s of its L0, s being its
   * latency less the reference's). A first build's listing is short and often ends still climbing, below a
   * knee its cheaper requests share with the details.
   */
  const listingStart = (): Knee | undefined => {
    const { listing, details } = knees;
    if (!listing || !details || start.reference === undefined) return listing;
    const workers = details.limit * workShare(details.latency, start.reference);
    const share = workShare(listing.latency, start.reference);
    const limit = share > 0 ? Math.floor(workers / share) : 0;
    return limit > listing.limit ? { ...listing, limit } : listing;
  };
  /** The cheapest request's no-load latency (`Learned.reference`): this sync's first chunk's, else the last sync's. */
  let reference = start.reference ?? null;
  /**
   * The most workers detail rounds showed busy in this sync (`Learned.workers`), and listing rounds or
   * listing probes served at once (for the details' probe).
   */
  let workersSeen = 0;
  let listingWorkers = 0;
  let detailPhase = false;
  /** The requests in flight, and when each was sent (the clock's time). */
  const inFlight = new Map<Slot, number>();
  /**
   * Requests still to start in the burst a higher limit lets out at once. They wait only for what is left
   * of the older requests' work, so their latency understates the queue the new limit makes.
   */
  let burst = 0;
  /**
   * The burst is paced over one no-load latency (once one is known): requests sent at once arrive at once
   * and can overrun a small CMS's queue, where as many in flight, spread as they are at that limit, do not.
   */
  let pacing: { from: number | null; spacing: number; sent: number } | null = null;
  /** The epoch the last back-off on overload started (see `overloaded`). */
  let backedOffAt = 0;
  /** A probe's requests not back yet. */
  let probeLeft = 0;
  /** How long before the probe under way started each request then in flight (not its caller's) was sent. */
  let probeOlder: number[] = [];

  const batchBound = () => Math.min(MAX_BATCH, bytesPerPage > 0 ? Math.max(1, Math.floor(MAX_RESPONSE_BYTES / bytesPerPage)) : MAX_BATCH);
  /** The batch size of a request that is not one of the last (shared-out) ones. */
  const fullBatch = () => (autoBatch ? Math.min(batch, batchBound()) : batch);
  const change = (nextLimit: number, nextBatch = batch) => {
    limit = Math.max(1, Math.min(ceiling, bad() - 1, Math.floor(nextLimit)));
    gate.concurrency = limit;
    if (nextBatch !== batch) phase.baseLatency = Number.POSITIVE_INFINITY;
    batch = nextBatch;
    epoch++;
    burst = Math.max(0, limit - inFlight.size);
    pacing = Number.isFinite(phase.baseLatency) ? { from: null, spacing: phase.baseLatency / limit, sent: 0 } : null;
    phase.round = [];
  };
  const settle = (at: number) => {
    change(at);
    phase.step = 'settled';
  };

  /**
   * The next limit to try. A CMS of W workers sheds past 2W waiting, so a step adds what ¾ of that queue
   * takes, W being the workers the CMS is known to have at least: those the round kept busy (requests/s ×
   * s, s being a request's latency beyond the reference's, a lower bound on a worker's time on it), those
   * a probe saw served at once, or in a listing those the last sync showed (`Learned.workers`), else one.
   * From a limit with flat latency, even a CMS exactly at its knee takes that; once a queue forms, a step
   * may only fill what is left of it.
   * Without a reference (its request was retried) W reads as one: one more a round, as a bigger step could
   * overrun a one-worker CMS whose knee is far (a cheap request far away) before the queue shows.
   */
  const busyShare = () => (reference === null ? 0 : workShare(phase.baseLatency, reference));
  const grown = (waiting: number, busyWorkers: number) => {
    // Workers the CMS has at least: those the round kept busy (or a probe saw served at once), or in a
    // listing those the last sync's details showed. A step fills ¾ of their queue at most. Whole workers:
    // a round's count is a lower bound only on average (±20% service times read four workers as 4.4, and
    // the step to 14 that allowed shed).
    const workers = Math.max(1, Math.floor(busyWorkers), detailPhase ? 0 : (start.workers ?? 0));
    const room = 2 * QUEUE_SHARE * workers - waiting;
    if (queueFormed(waiting, limit)) {
      // Up to half the limit, within the room: a step must bring QUEUED_GAIN now, and one request more at
      // nine promises 11% at best, which a round's noise hides (on a large CMS whose latency grows with the
      // load on a busy client, auto stopped there at a third of the best fixed setting's throughput).
      return room >= 1 ? limit + Math.min(room, Math.max(1, limit / 2)) : limit;
    }
    // No queue formed: one more at least. A large limit counts a few percent of latency as a waiting
    // request or so (the build's own work on responses shows as latency too), which would leave no room
    // and stop a listing that knows no s at 7 requests, where 48 lists a large CMS three times as fast.
    // The room, not the limit × (1 + 2s/L0) that a CMS at its knee would take: a round whose service
    // times were short by chance reads flat past the knee, and the workers it kept busy say so.
    return Math.max(limit + 1, Math.min(limit * MAX_STEP, limit + room));
  };

  /**
   * A round is over: keep the step if it paid, else undo it (or try the knee it showed). `servedAtOnce`:
   * the round was a probe whose requests the CMS all served at once, by as many workers at least.
   */
  const endRound = (samples: Sample[], servedAtOnce = 0) => {
    const busy = median(samples.map((s) => s.busy));
    const requestsPerSecond = limit / (busy / 1000);
    const perSecond = requestsPerSecond * median(samples.map((s) => s.pages));
    const latency = median(samples.map((s) => s.latency));
    // Requests waiting in the CMS (Little's law again, TCP Vegas's estimate): 0 while latency is flat. A
    // queue shows first in the slower responses: a round's median can hide one that a quarter of it met.
    const slow = quantile(samples.map((s) => s.latency), 0.75);
    const waiting = Number.isFinite(phase.baseLatency) ? Math.max(0, limit * (1 - phase.baseLatency / slow)) : 0;
    phase.baseLatency = Math.min(phase.baseLatency, latency);
    // Workers the round kept busy at least (throughput × s, s at least what `busyShare` says; 0 without a reference).
    // Throughput from the slower quarter: a round's first responses are those no queue held, and at 24
    // requests a median of them read a sixteen-worker CMS as twenty.
    const busyWorkers = (limit / (quantile(samples.map((s) => s.busy), 0.75) / 1000)) * busyShare() * (phase.baseLatency / 1000);
    if (detailPhase) workersSeen = Math.max(workersSeen, busyWorkers);
    else listingWorkers = Math.max(listingWorkers, busyWorkers);
    const previous = phase.best;
    // The knee's round only has to lose nothing: it is where the CMS is fully busy, by the round before.
    const gain = phase.step === 'knee' ? 1 : queueFormed(waiting, limit) ? QUEUED_GAIN : GAIN;
    const paid = waiting < Math.max(BETA, limit / 2) && (!previous || perSecond >= previous.perSecond * gain);
    if (paid) phase.best = { limit, perSecond, waiting };
    const best = phase.best;
    if (phase.step === 'knee' || !paid) {
      // The requests that did not wait are what the CMS serves at once: its knee, worth one round. A slot
      // is held while the build reads the answer too, so it takes busy / latency slots to keep one busy.
      const knee = Math.ceil((limit - waiting) * (busy / latency) - KNEE_SLACK);
      // A step to the knee that lost nothing but did not bring the gain a queue asks for: keep it.
      if (best && phase.step === 'grow' && knee >= limit && perSecond >= best.perSecond) {
        settle(limit);
        return;
      }
      if (!best || limit > best.limit) phase.unpaid = Math.min(phase.unpaid, limit);
      // No best yet: the last sync's knee queues now. The CMS may have less room than it had, or be slower
      // for a while, which the remembered no-load latency would read as a queue at any limit: go down to
      // the knee this round shows, measure the no-load latency afresh there, and grow again.
      if (!best) {
        change(knee);
        phase.baseLatency = Number.POSITIVE_INFINITY;
      } else if (phase.step === 'grow' && knee > best.limit && knee < limit) {
        phase.step = 'knee';
        change(knee);
      } else settle(best.limit);
      return;
    }
    const next = Math.min(ceiling, bad() - 1, limit < phase.retry ? phase.retry : ceiling, Math.floor(grown(waiting, Math.max(busyWorkers, servedAtOnce))));
    if (next <= limit) settle(limit);
    else change(next);
  };

  /**
   * The latencies of a probe's answers that came back together, served at once, the least first. The
   * line between them and those that waited is half the least service time: at ±30% service times, none
   * that waited falls under it. Measured from the answer before, not the first: a CMS that renders one
   * answer at a time, or a client busy reading the one before, hands answers served at once over one
   * after another (sixteen workers read as two).
   */
  const servedAtOnce = (samples: Sample[]): { served: number[]; waited: number } => {
    const [first, ...others] = samples.map((s) => s.latency).sort((a, b) => a - b) as [number, ...number[]];
    const waited = (first - (reference ?? first)) / 2;
    const served = [first];
    for (const latency of others) {
      if (latency - served[served.length - 1]! >= waited) break;
      served.push(latency);
    }
    return { served, waited };
  };
  /**
   * The probe's requests are back. Sent at once, each met the others: those a worker took at once came
   * back together, and each of the others waited a whole service time more, of which the latency beyond
   * the listing's is a lower bound. The ones that did not wait are workers the CMS has at least: the
   * phase starts at the limit that keeps them busy, at their latency, instead of climbing from one
   * request a round at a time.
   */
  const endProbe = (samples: Sample[]) => {
    phase.step = 'grow';
    // None to learn from (all retried, or past the end of a listing): the phase goes on growing from here.
    if (samples.length === 0) return;
    const { served, waited } = servedAtOnce(samples);
    // Requests sent just before a chained probe, as the last probe's answers came back together, took the
    // workers those answers freed: they hold workers the probe's own answers cannot show. Those sent less
    // than the line between served and waited before it were still in service when its requests met the
    // CMS. Sixteen workers sent a chained six, two of them such requests, read as four workers, not six,
    // and the next probe was eight, not twelve: a wave more for a large CMS's listing.
    const older = probeOlder.filter((age) => age < waited).length;
    // The no-load latency from the answers of the workers known before the probe (a details probe's: those
    // the listing showed busy), if it knew some: they cannot have waited, where one the rule read as served
    // may have (the client reading answers one after another took 70 ms of the 130 ms line on four workers
    // 30 ms away). A waited one in the median made the rounds after it read four workers as 5.5, and the
    // step that allowed shed. PROBE of them at most: a CMS that hands answers over one after another
    // delays each by those before it, and the median of the first ten of 25 read sixteen workers' 430 ms
    // as 660; the rounds after it then read too few requests waiting and too many workers busy, and a step
    // went to 54, past the 48 the CMS holds.
    const listed = detailPhase ? Math.floor(listingWorkers) : 0;
    const known = Math.min(listed, PROBE);
    phase.baseLatency = median(known > 1 ? served.slice(0, known) : served);
    if (served.length < samples.length) {
      change(servedKnee(older + served.length));
      return;
    }
    // All served at once: the probe was a round at as many requests as it had answers to learn from, and
    // the older ones in service beside them, none of which waited. Not at its limit: requests sent as its
    // first answers freed their slots hold some, and a probe at the end of a listing finds fewer chunks
    // left than it may send (a listing's last, of 9 requests at 24, read as twenty busy workers and sent
    // the details' probe 50 at once).
    const round = older + samples.length;
    limit = round;
    gate.concurrency = limit;
    // A details probe all served at once credits the step after it with the workers the listing showed,
    // not with its own count: on a CMS and client that share two cores, a large probe's answers are handed
    // over one after another and all read as served (25 for sixteen workers), and a step from there went to 50.
    endRound(samples, detailPhase ? Math.min(round, Math.max(PROBE, listed)) : round);
    // A listing whose probe paid probes again at once, with twice as many (see `probe`). The details do not:
    // a large CMS renders their answers one after another, a probe of many reads as waited, and in
    // simulation chained detail probes shed on four workers and sixteen.
    // The details' probe is sized from every request found in service together, the older ones too: sent
    // before the probe's own, they had workers first. From the probe's own answers only, sixteen workers
    // 100 ms away, whose last listing wave was ten requests served at once, were read as five, probed with
    // 12, and the details climbed from there and settled at 18, where 24–32 sync 3% faster.
    if (!detailPhase && phase.step === 'grow' && phase.best?.limit === round) {
      listingWorkers = Math.max(listingWorkers, round);
      probe(batch, 2 * round);
    }
  };

  /**
   * The limit that keeps `workers` busy once requests are spread as a steady flow spreads them: a request
   * holds its slot for L0 but a worker for s (at least L0 less the reference), so each worker takes L0 / s
   * slots (two workers 100 ms away, batches of 210 ms: 3, where a limit of 2 left them idle a third of the
   * time and cost the round at 2). Within the room a step has (¾ of their queue, as `grown`): a CMS far away
   * whose requests are mostly round trip would otherwise be sent four times its workers.
   */
  const servedKnee = (workers: number) => {
    const atKnee = Math.floor((workers * phase.baseLatency) / Math.max(1, phase.baseLatency - (reference ?? 0)));
    return Math.max(workers, Math.min(atKnee, withQueue(workers)));
  };

  /**
   * `size` requests go at once, of `nextBatch` pages each: PROBE; what the queue of the workers the CMS is
   * known to have takes with them (a first sync's details); or, in a first listing, twice as many as the
   * last probe saw served at once. A listing is a few waves long (21 requests for 20,000 pages), too short
   * for rounds of two waves each: sixteen workers 100 ms away were listed at 3, then 6 for two waves, in
   * 1.6 s, where 24 at once list in 0.6 s. Twice the requests the last probe kept in service, its own and
   * those sent as its predecessor's answers came back (see `endProbe`): 3, 6, 12. Twice, not the 2.5 a
   * worker of a step: should a third of those read as served have waited, the CMS has two thirds as many
   * workers, whose queue still takes twice as many. Not paced: answers spread as the requests were would
   * read as waited.
   */
  const probe = (nextBatch = batch, size = PROBE) => {
    change(size, nextBatch);
    // The probe reads the answers to the requests it lets out at once: as many as there are free slots,
    // with the one its caller's slot sends as it is freed (a first sync's details learn the size of a page
    // while the first batch's slot is held). Requests still in flight from before hold the others.
    const own = slots.getStore();
    burst = Math.max(0, limit - inFlight.size + (own ? 1 : 0));
    probeLeft = burst;
    const from = now();
    probeOlder = [...inFlight].filter(([slot]) => slot !== own).map(([, sent]) => from - sent);
    pacing = null;
    phase.step = burst > 0 ? 'probe' : 'grow';
  };
  /** One of the requests the probe under way sent at once (not one sent as an early answer freed its slot). */
  const ownProbe = (slot: Slot) => slot.probe && slot.epoch === epoch && phase.step === 'probe';
  /** One of the probe's requests is back (learnt from or not: a retried one is not); the probe ends with the last. */
  const probeReturned = () => {
    probeLeft--;
    if (probeLeft === 0) endProbe(phase.round);
  };
  const learn = (sample: Sample, slot: Slot) => {
    // A cold listing's first request learnt from, one chunk alone: the reference. Full listing requests
    // follow, and probe as a first sync's details do.
    if (auto && !detailPhase && reference === null && sample.pages === 1) {
      reference = sample.latency;
      if (limit === 1) probe();
      return;
    }
    // A short request (the last pages or chunks, shared out) is quicker for being short, not for a quieter CMS.
    if (sample.pages < (detailPhase ? fullBatch() : LIST_CHUNKS)) return;
    if (phase.step === 'probe') {
      // Only the probe's own requests, sent at once: one sent as an early answer freed its slot met fewer.
      if (ownProbe(slot)) phase.round.push(sample);
      return;
    }
    if (phase.step === 'settled' || slot.epoch !== epoch || !slot.steady) return;
    phase.round.push(sample);
    if (phase.round.length >= Math.max(ROUND_MIN, Math.min(limit, ROUND_MAX))) endRound(phase.round);
  };

  /**
   * Once a page's size is known, auto batches take what the bound allows, and a first sync's details (at
   * one request, knowing nothing of full batches) probe how many of them the CMS serves at once: as many
   * as the queue of the workers the listing showed busy takes with them, as a step would (only as many as
   * were busy left most of a sixteen-worker CMS idle for a round).
   */
  const fullBatches = () => {
    if (!autoBatch || batch !== FIRST_BATCH || batchBound() <= batch) return;
    if (auto && reference !== null && !phase.best && limit === 1) probe(batchBound(), Math.max(PROBE, withQueue(Math.floor(listingWorkers))));
    else change(limit, batchBound());
  };

  resume(listingStart());
  return {
    get limit() {
      return limit;
    },
    ceiling,
    batchSize(remaining) {
      if (!autoBatch || remaining === undefined) return fullBatch();
      // The last pages, shared between the slots: a full batch would keep one slot busy while others idle.
      // Not below half a full batch a request, though: every request costs the CMS its own work (parsing
      // and validating the query, handling the request), and each slot coming back for 1/limit of what is
      // left, down to 10 pages, took a sync of 20,000 pages at 26 from 200 detail requests to 259. With the
      // floor at half a batch, four workers 100 ms away synced 4–9% faster cold (real runs, interleaved).
      // A rebuild's one changed page and its dependents go in one request.
      const least = Math.max(FIRST_BATCH, Math.ceil(fullBatch() / 2));
      return Math.max(1, Math.min(fullBatch(), Math.max(least, Math.ceil(remaining / limit))));
    },
    run(work, pages) {
      return gate(async () => {
        if (interval > 0) {
          const at = Math.max(now(), nextStart);
          nextStart = at + interval;
          const wait = at - now();
          if (wait > 0) await sleep(wait);
        }
        const slot: Slot = { epoch, attempts: [], steady: burst === 0, probe: phase.step === 'probe' && burst > 0 };
        burst = Math.max(0, burst - 1);
        if (!slot.steady && pacing) {
          // From the burst's first request, not the change: a phase resumed at its start may wait a while.
          pacing.from ??= now();
          const wait = pacing.from + pacing.sent++ * pacing.spacing - now();
          if (wait > 0) await sleep(wait);
        }
        const started = now();
        inFlight.set(slot, started);
        let result: Awaited<ReturnType<typeof work>>;
        try {
          result = await slots.run(slot, work);
        } finally {
          inFlight.delete(slot);
        }
        const asked = pages ? pages() : 1;
        // A retried request's latency is mostly the back-off; an overload has its own reaction.
        const [latency] = slot.attempts;
        if (asked > 0 && latency !== undefined && slot.attempts.length === 1) learn({ latency, busy: now() - started, pages: asked }, slot);
        if (ownProbe(slot)) probeReturned();
        return result;
      });
    },
    get wantsReference() {
      return auto && reference === null;
    },
    get wantsPageSize() {
      return autoBatch && bytesPerPage === 0;
    },
    startDetails() {
      knees.listing = kneeNow() ?? knees.listing;
      phase = freshPhase();
      detailPhase = true;
      if (auto) change(1);
      resume(knees.details);
      // A first batch asked for during the listing told the size of a page: full batches from the start.
      if (bytesPerPage > 0) fullBatches();
    },
    overloaded() {
      // Requests sent before the last back-off met the load it answered: their refusals are one overload,
      // cut once, as TCP cuts once a window. Cut again, a burst of 503s from one overloading step took
      // sixteen workers from 54 to 13, and recorded 27 as a limit that overloads them.
      const slot = slots.getStore();
      if (auto && slot && slot.epoch < backedOffAt) return;
      overloads++;
      if (!auto) return;
      // The CMS says it is full: this limit (and above) is bad for the rest of the phase.
      phase.overload = Math.min(phase.overload, limit);
      settle(limit / 2);
      backedOffAt = epoch;
    },
    responded(ms) {
      slots.getStore()?.attempts.push(ms);
    },
    pageBytes(bytes) {
      bytesPerPage = bytes;
      // Told during the listing (a first batch asked for as it ends), it waits for the details to start.
      if (detailPhase) fullBatches();
    },
    learned() {
      if (!auto) return {};
      const current = detailPhase ? { details: kneeNow() ?? knees.details } : { listing: kneeNow() ?? knees.listing };
      // This sync's count if it measured one (a CMS may have fewer workers than it had), else the last one's.
      const workers = workersSeen >= 1 ? Math.floor(workersSeen) : start.workers;
      return { ...knees, ...current, pageBytes: bytesPerPage > 0 ? bytesPerPage : undefined, workers, reference: reference ?? undefined };
    },
    summary() {
      const mode = auto ? `concurrency auto, settled at ${limit}` : `concurrency ${ceiling}`;
      const size = autoBatch ? `batch auto, settled at ${fullBatch()}` : `batch ${batch}`;
      const rps = options.maxRps ? `, at most ${options.maxRps} requests/s` : '';
      const shed = overloads > 0 ? `, backed off ${overloads}× on overload` : '';
      const resumed = start.listing || start.details ? ", started at the last build's knee" : '';
      return `${mode}, ${size}${rps}${shed}${resumed}`;
    },
  };
}

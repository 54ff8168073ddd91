/**
 * A CMS of W workers on simulated time, and syncs that fetch from it through a fetch controller as the
 * sync layer does: what the controller sees is the model's behaviour, not this machine's load, so a run
 * is the same every time and a whole matrix of CMSs runs in seconds. The controller's unit tests use it,
 * and so does `npm run bench:adaptive-sim`, to tune it.
 */
import { LIST_CHUNKS, type FetchController } from '../../src/wagtail/concurrency.ts';

export type VirtualClock = ReturnType<typeof virtualClock>;

/** Timers fire in order of their virtual deadline, each once every promise it woke has run. */
export function virtualClock() {
  let time = 0;
  let sequence = 0;
  const timers: Array<{ at: number; order: number; fire: () => void }> = [];
  return {
    now: () => time,
    sleep(ms: number): Promise<void> {
      return new Promise((resolve) => timers.push({ at: time + ms, order: sequence++, fire: resolve }));
    },
    /** Runs `work` to its end, advancing time only when nothing else can happen. */
    async run<T>(work: Promise<T>): Promise<T> {
      let settled = false;
      const done = work.finally(() => (settled = true));
      // A macrotask turn runs every microtask queued before it, including those queued by microtasks.
      const drain = () => new Promise<void>((resolve) => setImmediate(resolve));
      for (await drain(); !settled; await drain()) {
        timers.sort((a, b) => a.at - b.at || a.order - b.order);
        const next = timers.shift();
        if (!next) throw new Error('The simulation is stuck: nothing is scheduled and the work has not ended.');
        time = next.at;
        next.fire();
      }
      return done;
    },
  };
}

/** A deterministic stand-in for Math.random (mulberry32), for service-time jitter. */
function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface CmsModel {
  workers: number;
  /** Service time of one request, and of each page a detail request asks for. */
  requestMs: number;
  pageMs?: number;
  /** Service time of each listing chunk a listing request asks for (beyond `requestMs`). */
  chunkMs?: number;
  rttMs: number;
  /** Requests that may wait for a worker; one more is shed (503). */
  queueLimit: number;
  /** Service times vary by up to this share either way (seeded, so every run is the same). */
  jitter?: number;
  /** Service is this much slower per request in the CMS beyond `workers`, as in the demo CMS. */
  contention?: number;
  /**
   * The CMS's rendering of each page of a detail response, on one core its workers share (one process:
   * Python's GIL, the demo CMS's event loop): answers served at once leave it one after another.
   */
  renderMsPerPage?: number;
  /** Until this simulated time, service takes three times as long (the CMS is busy with something else). */
  busyUntilMs?: number;
  /**
   * The build's own work on a response, per page of a detail request and per listing chunk, on one
   * core shared by every response. A fifth of it (reading the body) comes before the client has the whole
   * response, so a busy client measures longer latencies, as a real one does.
   */
  clientMsPerPage?: number;
  clientMsPerChunk?: number;
  /** A shed request is sent again after this long (the client's back-off); without it, it is dropped. */
  retryAfterMs?: number;
}

/** Of the build's work on a response, the share that comes before the latency is measured. */
const READ_SHARE = 0.2;

/**
 * A CMS of `workers` behind a network of `rttMs`, with a queue that sheds past `queueLimit`; requests are
 * made through the controller as the sync makes them. The model is read at each request, so a test may
 * change it (make the CMS busy) while a sync runs.
 */
export function simulatedCms(clock: VirtualClock, model: CmsModel, seed = 1) {
  const random = seeded(seed);
  let busy = 0;
  let inServer = 0;
  const waiting: Array<() => void> = [];
  const stats = { maxInFlight: 0, inFlight: 0, shed: 0 };
  /** Work on one core: each call waits for the work queued before it. */
  const core = () => {
    let freeAt = 0;
    return async (ms: number): Promise<void> => {
      if (ms <= 0) return;
      freeAt = Math.max(clock.now(), freeAt) + ms;
      await clock.sleep(freeAt - clock.now());
    };
  };
  const client = core();
  const render = core();
  /** One attempt: false if the CMS shed it. */
  const attempt = async (controller: FetchController, serviceMs: number, clientMs: number, renderMs: number): Promise<boolean> => {
    const sent = clock.now();
    await clock.sleep(model.rttMs / 2);
    if (busy >= model.workers) {
      if (waiting.length >= model.queueLimit) {
        stats.shed++;
        await clock.sleep(model.rttMs / 2);
        controller.overloaded();
        return false;
      }
      inServer++;
      await new Promise<void>((resolve) => waiting.push(resolve));
    } else {
      busy++;
      inServer++;
    }
    const contention = 1 + (model.contention ?? 0) * Math.max(0, inServer - model.workers);
    const slow = clock.now() < (model.busyUntilMs ?? 0) ? 3 : 1;
    await clock.sleep(serviceMs * slow * contention * (1 + (model.jitter ?? 0) * (2 * random() - 1)));
    await render(renderMs);
    inServer--;
    const next = waiting.shift();
    if (next) next();
    else busy--;
    await clock.sleep(model.rttMs / 2);
    await client(clientMs * READ_SHARE);
    controller.responded(clock.now() - sent);
    await client(clientMs * (1 - READ_SHARE));
    return true;
  };
  /** A detail request for `pages` pages, or a listing request for `chunks` chunks. */
  const request = async (controller: FetchController, size: { pages: number } | { chunks: number }): Promise<void> => {
    const serviceMs = model.requestMs + ('pages' in size ? (model.pageMs ?? 0) * size.pages : (model.chunkMs ?? 0) * size.chunks);
    const clientMs = 'pages' in size ? (model.clientMsPerPage ?? 0) * size.pages : (model.clientMsPerChunk ?? 0) * size.chunks;
    const renderMs = 'pages' in size ? (model.renderMsPerPage ?? 0) * size.pages : 0;
    stats.inFlight++;
    stats.maxInFlight = Math.max(stats.maxInFlight, stats.inFlight);
    try {
      while (!(await attempt(controller, serviceMs, clientMs, renderMs)) && model.retryAfterMs !== undefined) await clock.sleep(model.retryAfterMs);
    } finally {
      stats.inFlight--;
    }
  };
  return { request, stats };
}

export type SimulatedCms = ReturnType<typeof simulatedCms>;

/**
 * Fetches `total` pages from the CMS in detail requests of the controller's batch size, as many at a time
 * as it allows, as `fetch-pages.ts` does; `pageBytes`, if given, is reported after each batch while its
 * slot is held, as there.
 */
export function sync(controller: FetchController, cms: SimulatedCms, total: number, pageBytes?: number): Promise<unknown> {
  let left = total;
  const dispatcher = async (): Promise<void> => {
    while (left > 0) {
      let pages = 0;
      await controller.run(
        async () => {
          pages = Math.min(left, controller.batchSize(left));
          left -= pages;
          // A slot may come after the last pages were taken: send nothing then, as fetch-pages.ts does.
          if (pages === 0) return;
          await cms.request(controller, { pages });
          if (pageBytes !== undefined) controller.pageBytes(pageBytes);
        },
        () => pages,
      );
    }
  };
  return Promise.all(Array.from({ length: controller.ceiling }, dispatcher));
}

/**
 * Lists `chunks` chunks through the controller as `list-pages.ts` does: one alone if the controller wants
 * its reference, then LIST_CHUNKS a request, as many requests at a time as it allows. (`list-pages.ts`
 * sends its chunk alone beside the introspection, which the model does not have.)
 */
export async function list(controller: FetchController, cms: SimulatedCms, chunks: number): Promise<void> {
  let next = 0;
  const one = async (most: number): Promise<void> => {
    let asked = 0;
    await controller.run(
      async () => {
        asked = Math.min(most, chunks - next);
        next += asked;
        if (asked > 0) await cms.request(controller, { chunks: asked });
      },
      () => asked,
    );
  };
  if (controller.wantsReference) await one(1);
  const lister = async (): Promise<void> => {
    while (next < chunks) await one(LIST_CHUNKS);
  };
  await Promise.all(Array.from({ length: controller.ceiling }, lister));
}

import { describe, expect, it } from 'vitest';
import { createController, FIRST_BATCH, LIST_CHUNKS, MAX_BATCH, PROBE, type FetchController, type Knee, type Learned } from '../../src/wagtail/concurrency.ts';
import { list, simulatedCms, sync, virtualClock, type CmsModel, type SimulatedCms, type VirtualClock } from '../helpers/simulated-cms.ts';

/** Seeds of the jittery runs: each is one deterministic run, and together they show the rule is not luck. */
const SEEDS = Array.from({ length: 20 }, (_, i) => i + 1);

/** Syncs `total` pages and returns the limits the controller went through, in order (each once per stay). */
async function syncWatchingLimits(clock: VirtualClock, controller: FetchController, cms: SimulatedCms, total: number): Promise<number[]> {
  const limits: number[] = [];
  let done = false;
  const watch = async (): Promise<void> => {
    for (; !done; await clock.sleep(1)) if (limits.at(-1) !== controller.limit) limits.push(controller.limit);
  };
  await clock.run(Promise.all([sync(controller, cms, total).then(() => (done = true)), watch()]));
  return limits;
}

describe('fetch controller', () => {
  it('keeps a fixed concurrency and batch size exactly', async () => {
    const clock = virtualClock();
    const controller = createController({ concurrency: 3, batchSize: 7, now: clock.now, sleep: clock.sleep });
    const cms = simulatedCms(clock, { workers: 8, requestMs: 2, rttMs: 0, queueLimit: 100 });
    await clock.run(sync(controller, cms, 420));
    expect(cms.stats.maxInFlight).toBe(3);
    expect(controller.batchSize()).toBe(7);
    expect(controller.summary()).toBe('concurrency 3, batch 7');
  });

  it('starts at one request and, knowing nothing of the CMS, grows one request a round while throughput grows', async () => {
    const clock = virtualClock();
    const controller = createController({ concurrency: 'auto', batchSize: 1, now: clock.now, sleep: clock.sleep });
    expect(controller.limit).toBe(1);
    // Details without a reference (no listing measured one): nothing tells how long a worker spends on a request.
    controller.startDetails();
    // Eight workers behind a 20 ms round trip: the knee is about 8 × (20 + 5) / 5 = 40, far off.
    const cms = simulatedCms(clock, { workers: 8, requestMs: 5, rttMs: 20, queueLimit: 100, jitter: 0.2 });
    const limits = await syncWatchingLimits(clock, controller, cms, 400);
    expect(controller.limit).toBeGreaterThanOrEqual(8);
    // Steps of one: a step of more could overrun the queue of a one-worker CMS whose knee is near.
    const tried = [...new Set(limits)].sort((a, b) => a - b);
    expect(tried).toEqual(Array.from({ length: tried.at(-1)! }, (_, i) => i + 1));
    expect(cms.stats.shed).toBe(0);
  });

  it('lists a large site from a one-worker CMS far away without making it shed', async () => {
    for (const seed of SEEDS) {
      const clock = virtualClock();
      const controller = createController({ concurrency: 'auto', batchSize: 1, now: clock.now, sleep: clock.sleep });
      // A listing request of ten chunks 100 ms away keeps the worker busy 82 ms: the knee is about
      // (100 + 82) / 82 ≈ 2.2, and past 4 in flight some are shed.
      const cms = simulatedCms(clock, { workers: 1, requestMs: 2, chunkMs: 8, rttMs: 100, queueLimit: 2, jitter: 0.3 }, seed);
      await clock.run(list(controller, cms, 1000));
      expect(cms.stats.shed, `seed ${seed}`).toBe(0);
      expect(controller.limit, `seed ${seed}`).toBeGreaterThanOrEqual(2);
    }
  });

  it("goes on growing one request more a round toward a large CMS's knee when its latency wanders by a few percent", async () => {
    const reached: number[] = [];
    for (const seed of SEEDS) {
      const clock = virtualClock();
      const controller = createController({ concurrency: 'auto', batchSize: 1, now: clock.now, sleep: clock.sleep });
      controller.startDetails();
      // Sixteen workers 20 ms away, a request taking 5 ms of one: the knee is about 64. At ±30% a round's
      // slower quarter reads as half a request waiting or more once the limit is past six, which left no
      // room to step by: without a reference (nothing tells s), growth stopped at 7–9.
      const cms = simulatedCms(clock, { workers: 16, requestMs: 5, rttMs: 20, queueLimit: 32, jitter: 0.3, clientMsPerPage: 0.3 }, seed);
      await clock.run(sync(controller, cms, 600));
      expect(cms.stats.shed).toBe(0);
      reached.push(controller.limit);
    }
    // Noise can still read as a queue and stop a run early, but not most runs.
    expect(reached.sort((a, b) => a - b)[reached.length / 2]).toBeGreaterThanOrEqual(10);
  });

  for (const seed of SEEDS) {
    it(`settles near the knee of a one-worker CMS without making it shed, through jittery service times (seed ${seed})`, async () => {
      const clock = virtualClock();
      const controller = createController({ concurrency: 'auto', batchSize: 1, now: clock.now, sleep: clock.sleep });
      controller.startDetails();
      // Knee: 1 × (2 + 10) / 10 ≈ 1.2; with four in flight one would wait behind two and be shed.
      const cms = simulatedCms(clock, { workers: 1, requestMs: 10, rttMs: 2, queueLimit: 2, jitter: 0.3 }, seed);
      await clock.run(sync(controller, cms, 120));
      expect(cms.stats.shed).toBe(0);
      expect(cms.stats.maxInFlight).toBeLessThanOrEqual(3);
      expect(controller.limit).toBeGreaterThanOrEqual(1);
      expect(controller.limit).toBeLessThanOrEqual(2);
      expect(controller.summary()).toMatch(/^concurrency auto, settled at [12], batch 1$/);
    });
  }

  for (const seed of SEEDS) {
    it(`grows to the knee of a one-worker CMS far away without making it shed (seed ${seed})`, async () => {
      const clock = virtualClock();
      const controller = createController({ concurrency: 'auto', batchSize: 1, now: clock.now, sleep: clock.sleep });
      controller.startDetails();
      // Knee: 1 × (80 + 25) / 25 ≈ 4.2, so 4 in flight is worth having; past 6, some wait behind two.
      const cms = simulatedCms(clock, { workers: 1, requestMs: 25, rttMs: 80, queueLimit: 2, jitter: 0.3 }, seed);
      await clock.run(sync(controller, cms, 200));
      expect(cms.stats.shed).toBe(0);
      expect(controller.limit).toBeGreaterThanOrEqual(3);
    });
  }

  it('grows detail requests faster than the listing when a batch keeps a worker busy far longer than a listing request, and stops short of shedding', async () => {
    const clock = virtualClock();
    const controller = createController({ concurrency: 'auto', batchSize: 'auto', now: clock.now, sleep: clock.sleep });
    // Sixteen workers 20 ms away; a listing request takes 5 ms of a worker, a page 2 ms.
    const cms = simulatedCms(clock, { workers: 16, requestMs: 5, pageMs: 2, rttMs: 20, queueLimit: 32, jitter: 0.1 });
    await clock.run(list(controller, cms, 150));
    controller.startDetails();
    await clock.run(sync(controller, cms, 20000, 10 * 1024));
    expect(cms.stats.shed).toBe(0);
    // Knee: 16 × (20 + 205) / 205 ≈ 17.6 at batches of 100.
    expect(controller.limit).toBeGreaterThanOrEqual(14);
    expect(controller.limit).toBeLessThanOrEqual(32);
    expect(controller.batchSize()).toBe(MAX_BATCH);
  });

  /**
   * A first sync of a CMS of `workers`: a short listing, the first batch, then the probe's three full
   * batches. `renderMsPerPage`: the CMS's time on each page of an answer on the one core its workers share.
   */
  const probe = async (workers: number, rttMs: number, jitter: number, seed: number, renderMsPerPage = 0) => {
    const clock = virtualClock();
    const controller = createController({ concurrency: 'auto', batchSize: 'auto', now: clock.now, sleep: clock.sleep });
    const cms = simulatedCms(clock, { workers, requestMs: 10, pageMs: 2, chunkMs: 20, rttMs, queueLimit: 2 * workers, jitter, renderMsPerPage }, seed);
    await clock.run(list(controller, cms, 1));
    controller.startDetails();
    const batch = (pages: number) =>
      controller.run(async () => {
        await cms.request(controller, { pages });
        controller.pageBytes(10 * 1024);
      }, () => pages);
    await clock.run(batch(FIRST_BATCH));
    expect(controller.limit).toBe(3);
    await clock.run(Promise.all([batch(MAX_BATCH), batch(MAX_BATCH), batch(MAX_BATCH)]));
    return { limit: controller.limit, stats: cms.stats };
  };

  /**
   * The limit that keeps `workers` busy, in these tests' CMS: a full request (ten chunks or a hundred pages)
   * holds its slot for the round trip and 210 ms, and a worker for 180 ms more than the first chunk alone,
   * so each worker takes (rtt + 210) / 180 slots: one at 1 ms (1.2), one and a bit at 100 ms (1.7). Two
   * workers 100 ms away are kept busy by three requests, where two would leave them idle a third of the time.
   */
  const knee = (workers: number, rttMs: number) => Math.floor((workers * (rttMs + 210)) / 180);

  for (const rttMs of [1, 100]) {
    it(`starts a first sync's full batches at the limit that keeps busy the workers a CMS ${rttMs} ms away served at once, shedding nothing`, async () => {
      for (const seed of SEEDS) {
        for (const workers of [1, 2, 8]) {
          const { limit, stats } = await probe(workers, rttMs, 0.1, seed);
          // Eight workers serve all three: that was a round at three, and the next is larger.
          if (workers < PROBE) expect(limit, `${workers} workers, seed ${seed}`).toBe(knee(workers, rttMs));
          else expect(limit, `${workers} workers, seed ${seed}`).toBeGreaterThan(PROBE);
          expect(stats.maxInFlight).toBeLessThanOrEqual(3);
          expect(stats.shed).toBe(0);
        }
      }
    });

    it(`counts as served at once the probe's answers a CMS ${rttMs} ms away served together but rendered one after another`, async () => {
      for (const seed of SEEDS) {
        // A CMS that renders an answer in 70 ms on one core: the third leaves it 140 ms after the first,
        // more than half the first's service time (125 ms), though no worker made it wait.
        const { limit, stats } = await probe(8, rttMs, 0.05, seed, 0.7);
        expect(limit, `seed ${seed}`).toBeGreaterThan(PROBE);
        expect(stats.shed).toBe(0);
      }
    });

    it(`reads no more workers than a CMS ${rttMs} ms away has when service times vary by ±30%`, async () => {
      for (const seed of SEEDS) {
        for (const workers of [1, 2]) {
          const { limit, stats } = await probe(workers, rttMs, 0.3, seed);
          // Service times of 147 ms make a slot take up to 2.1 workers' worth 100 ms away, and 1.2 at 1 ms:
          // one worker more read would go past that (two for one worker at 1 ms, three for one at 100 ms).
          expect(limit, `${workers} workers, seed ${seed}`).toBeLessThanOrEqual(Math.floor(workers * (rttMs === 1 ? 1.2 : 2.1)));
          expect(stats.shed).toBe(0);
        }
      }
    });
  }

  /**
   * A first sync of a CMS of `workers` up to its details' probe: a listing of `requests` full listing
   * requests (and the reference chunk), then the first batch, whose page size makes the details probe.
   * `sent` is the limit the probe goes at.
   */
  const toDetailsProbe = async (workers: number, rttMs: number, seed: number, requests: number) => {
    const clock = virtualClock();
    const controller = createController({ concurrency: 'auto', batchSize: 'auto', now: clock.now, sleep: clock.sleep });
    const cms = simulatedCms(clock, { workers, requestMs: 10, pageMs: 2, chunkMs: 20, rttMs, queueLimit: 2 * workers, jitter: 0.1 }, seed);
    await clock.run(list(controller, cms, 1 + requests * LIST_CHUNKS));
    controller.startDetails();
    await clock.run(controller.run(async () => {
      await cms.request(controller, { pages: FIRST_BATCH });
      controller.pageBytes(10 * 1024);
    }, () => FIRST_BATCH));
    return { clock, controller, cms, sent: controller.limit };
  };

  for (const rttMs of [1, 100]) {
    it(`sends a first sync's details probe as many requests as the queue of the workers the listing showed busy takes, ${rttMs} ms away`, async () => {
      for (const seed of SEEDS) {
        for (const workers of [1, 2, 16]) {
          const { clock, controller, cms, sent } = await toDetailsProbe(workers, rttMs, seed, 30);
          await clock.run(sync(controller, cms, 3000, 10 * 1024));
          // Sixteen workers: the listing's rounds showed four or more busy at 1 ms, two or more at 100 ms
          // (a request there is mostly round trip), and the probe fills ¾ of their queue too. Sending only
          // as many as were busy (3–5) left most of the CMS idle for a round.
          if (workers === 16) expect(sent, `seed ${seed}`).toBeGreaterThanOrEqual(rttMs === 1 ? 10 : 5);
          // Fewer workers: never more than the queue of those the CMS has takes.
          else expect(sent, `${workers} workers, seed ${seed}`).toBeLessThanOrEqual(Math.max(PROBE, Math.floor(2.5 * workers)));
          expect(cms.stats.shed, `${workers} workers, seed ${seed}`).toBe(0);
        }
      }
    });
  }

  for (const rttMs of [1, 100]) {
    it(`sizes a first sync's details probe by every listing request a large CMS ${rttMs} ms away served together, older ones too, shedding nothing`, async () => {
      for (const seed of SEEDS) {
        // 20,000 pages: the reference, then probes of 3, 6 and the requests left, which sixteen workers serve
        // all at once (some of the last sent as the probe before it came back).
        const { clock, controller, cms, sent } = await toDetailsProbe(16, rttMs, seed, 20);
        await clock.run(sync(controller, cms, 20000, 10 * 1024));
        // ¾ of the queue of ten or more workers, with them: 25. From the last probe's own answers only, the
        // details were probed with 15 (100 ms) or 22 (1 ms) and climbed from there.
        expect(sent, `seed ${seed}`).toBeGreaterThanOrEqual(25);
        expect(cms.stats.shed, `seed ${seed}`).toBe(0);
        expect(cms.stats.maxInFlight, `seed ${seed}`).toBeLessThanOrEqual(48);
      }
    });
  }

  it("starts a first sync's details with the probe of full batches at once when the page size came during the listing", async () => {
    for (const seed of SEEDS) {
      for (const workers of [1, 4, 16]) {
        // The same listing as `toDetailsProbe`'s, then the page size told before the details start (a
        // first batch asked for in a slot the listing's last requests left free).
        const clock = virtualClock();
        const controller = createController({ concurrency: 'auto', batchSize: 'auto', now: clock.now, sleep: clock.sleep });
        const cms = simulatedCms(clock, { workers, requestMs: 10, pageMs: 2, chunkMs: 20, rttMs: 100, queueLimit: 2 * workers, jitter: 0.1 }, seed);
        await clock.run(list(controller, cms, 1 + 20 * LIST_CHUNKS));
        const listing = controller.limit;
        expect(controller.wantsPageSize).toBe(true);
        controller.pageBytes(10 * 1024);
        // The listing is left as it was: its limit, and no batch size of its own to change.
        expect(controller.wantsPageSize).toBe(false);
        expect(controller.limit).toBe(listing);
        controller.startDetails();
        // As many full batches at once as after a first batch of its own, from the same listing.
        const { sent } = await toDetailsProbe(workers, 100, seed, 20);
        expect(controller.batchSize()).toBe(MAX_BATCH);
        expect(controller.limit, `${workers} workers, seed ${seed}`).toBe(sent);
        await clock.run(sync(controller, cms, 3000, 10 * 1024));
        expect(cms.stats.shed, `${workers} workers, seed ${seed}`).toBe(0);
      }
    }
  });

  /** A first sync's listing of a CMS of `workers`: the first chunk alone, then the probe's three full requests. */
  const probeListing = async (workers: number, rttMs: number, seed: number) => {
    const clock = virtualClock();
    const controller = createController({ concurrency: 'auto', batchSize: 'auto', now: clock.now, sleep: clock.sleep });
    const cms = simulatedCms(clock, { workers, requestMs: 10, chunkMs: 20, rttMs, queueLimit: 2 * workers, jitter: 0.1 }, seed);
    expect(controller.wantsReference).toBe(true);
    await clock.run(list(controller, cms, 1 + PROBE * LIST_CHUNKS));
    return { limit: controller.limit, stats: cms.stats, learned: controller.learned() };
  };

  for (const rttMs of [1, 100]) {
    it(`lists a first sync's chunks at the limit that keeps busy the workers a CMS ${rttMs} ms away served at once, after measuring the reference`, async () => {
      for (const seed of SEEDS) {
        for (const workers of [1, 2, 8]) {
          const { limit, stats, learned } = await probeListing(workers, rttMs, seed);
          if (workers < PROBE) expect(limit, `${workers} workers, seed ${seed}`).toBe(knee(workers, rttMs));
          else expect(limit, `${workers} workers, seed ${seed}`).toBeGreaterThan(PROBE);
          expect(stats.maxInFlight).toBeLessThanOrEqual(PROBE);
          expect(stats.shed).toBe(0);
          // The first chunk's latency: the round trip and one chunk's service (±10%).
          expect(learned.reference).toBeGreaterThan(rttMs + 30 * 0.9);
          expect(learned.reference).toBeLessThan(rttMs + 30 * 1.1 + 1);
        }
      }
    });
  }

  it('reads a probe from its own answers only, not from a request sent as the first of them came back', async () => {
    for (const seed of SEEDS) {
      for (const jitter of [0.1, 0.2, 0.3]) {
        const clock = virtualClock();
        const controller = createController({ concurrency: 'auto', batchSize: 'auto', now: clock.now, sleep: clock.sleep });
        // Two workers 1 ms away, the client reading each listing chunk in 2 ms: the probe's third request
        // waits for a worker, and the one sent as the first answer came back can be answered before it.
        const cms = simulatedCms(clock, { workers: 2, requestMs: 10, chunkMs: 20, rttMs: 1, queueLimit: 4, jitter, clientMsPerChunk: 2 }, seed);
        await clock.run(list(controller, cms, 1 + 5 * LIST_CHUNKS));
        // Two served at once keep two busy; read as three, the listing went on at 6.
        expect(controller.learned().listing?.limit, `±${jitter * 100}%, seed ${seed}`).toBeLessThanOrEqual(knee(2, 1));
      }
    }
  });

  for (const rttMs of [1, 100]) {
    it(`probes a first listing again at once, twice as many, while a CMS ${rttMs} ms away serves them all together, within what its queue takes`, async () => {
      for (const seed of SEEDS) {
        for (const jitter of [0.1, 0.3]) {
          for (const workers of [1, 2, 4, 16]) {
            const clock = virtualClock();
            const controller = createController({ concurrency: 'auto', batchSize: 'auto', now: clock.now, sleep: clock.sleep });
            const cms = simulatedCms(clock, { workers, requestMs: 10, chunkMs: 20, rttMs, queueLimit: 2 * workers, jitter }, seed);
            // 20,000 pages: the first chunk alone, then 20 requests of ten chunks.
            await clock.run(list(controller, cms, 1 + 20 * LIST_CHUNKS));
            const what = `${workers} workers, ±${jitter * 100}%, seed ${seed}`;
            expect(cms.stats.shed, what).toBe(0);
            expect(cms.stats.maxInFlight, what).toBeLessThanOrEqual(3 * workers);
            // (At ±30% answers served together can spread past the line and read as waited: slower, not unsafe.)
            if (workers < 16 || jitter > 0.1) continue;
            // Sixteen workers serve 3 at once, then 6 (two of them sent as the first probe's answers came
            // back: they hold workers too), then 12, or what is left of the listing: 10 or more at once.
            // Counting only the probe's own answers, 6 read as 4 workers and the next probe sent 8.
            expect(cms.stats.maxInFlight, what).toBeGreaterThanOrEqual(10);
          }
        }
      }
    });
  }

  it('wants no reference when it remembers one, or with a fixed concurrency', () => {
    expect(createController({ concurrency: 'auto', batchSize: 'auto', start: { reference: 40 } }).wantsReference).toBe(false);
    expect(createController({ concurrency: 4, batchSize: 'auto' }).wantsReference).toBe(false);
  });

  it('starts each phase at the knee the last sync learnt, and asks for full batches at once', async () => {
    const model = { workers: 16, requestMs: 5, pageMs: 2, rttMs: 20, queueLimit: 32, jitter: 0.1 };
    const first = virtualClock();
    const cold = createController({ concurrency: 'auto', batchSize: 'auto', now: first.now, sleep: first.sleep });
    const coldCms = simulatedCms(first, model);
    await first.run(list(cold, coldCms, 150));
    cold.startDetails();
    await first.run(sync(cold, coldCms, 20000, 10 * 1024));
    const learned = cold.learned();
    expect(learned.listing?.limit).toBeGreaterThan(1);
    expect(learned.details?.limit).toBe(cold.limit);
    expect(learned.pageBytes).toBe(10 * 1024);
    // Sixteen workers, as many as the detail rounds saw busy: at most sixteen but for a round's noise (a
    // tenth here); a step takes ¾ of their queue, which leaves room for it.
    expect(learned.workers).toBeGreaterThanOrEqual(8);
    expect(learned.workers).toBeLessThanOrEqual(17);

    const clock = virtualClock();
    const warm = createController({ concurrency: 'auto', batchSize: 'auto', start: learned, now: clock.now, sleep: clock.sleep });
    const cms = simulatedCms(clock, model, 2);
    expect(warm.limit).toBe(learned.listing!.limit);
    await clock.run(list(warm, cms, 150));
    warm.startDetails();
    expect(warm.limit).toBe(learned.details!.limit);
    expect(warm.batchSize()).toBe(MAX_BATCH);
    await clock.run(sync(warm, cms, 20000, 10 * 1024));
    expect(cms.stats.shed).toBe(0);
    expect(warm.limit).toBeGreaterThanOrEqual(14);
    expect(warm.limit).toBeLessThanOrEqual(32);
    expect(warm.summary()).toMatch(/, started at the last build's knee$/);
    // It took less simulated time than the cold sync, which began at one request in each phase.
    expect(clock.now()).toBeLessThan(first.now());
  });

  it("starts a rebuild's listing where its requests keep as many workers busy as the details' knee did, if its own knee is lower", () => {
    // The details' knee, 12 requests of 400 ms of which 300 beyond the reference, kept 9 workers busy; a
    // listing request holds a worker for 200 of its 300 ms, so 13 listing requests keep 9 busy.
    const details = { limit: 12, latency: 400 };
    const at = (listing: Knee, start: Learned = { reference: 100 }) =>
      createController({ concurrency: 'auto', batchSize: 'auto', start: { ...start, listing, details } }).limit;
    expect(at({ limit: 4, latency: 300 })).toBe(13);
    // Its own knee when higher, and never at or past a limit that overloaded the CMS.
    expect(at({ limit: 20, latency: 300 })).toBe(20);
    expect(at({ limit: 4, latency: 300, bad: 10 })).toBe(9);
    // Without a reference, what a request costs a worker is unknown: its own knee.
    expect(at({ limit: 4, latency: 300 }, {})).toBe(4);
  });

  it("steps a rebuild's listing by the queue of the workers the last sync's detail requests showed", async () => {
    // Eight workers 20 ms away: the listing's knee is about 8 × (20 + 5) / 5 = 40, far above the last knee.
    const model = { workers: 8, requestMs: 5, rttMs: 20, queueLimit: 16, jitter: 0.1 };
    const listed = async (workers?: number) => {
      const clock = virtualClock();
      const start = { listing: { limit: 4, latency: 25 }, workers };
      const controller = createController({ concurrency: 'auto', batchSize: 1, start, now: clock.now, sleep: clock.sleep });
      const cms = simulatedCms(clock, model);
      await clock.run(list(controller, cms, 2000));
      return { limit: controller.limit, shed: cms.stats.shed };
    };
    const alone = await listed();
    const withWorkers = await listed(6);
    expect(withWorkers.shed).toBe(0);
    // One request a round without it; 1.5 × 6 a round with it.
    expect(withWorkers.limit).toBeGreaterThanOrEqual(alone.limit + 8);
  });

  it('spreads a resumed limit over one latency, so a one-worker CMS far away is not sent four requests at once', async () => {
    const clock = virtualClock();
    // The knee of the far-away CMS above: four in flight is right once spread, but four arriving together
    // would find one worker and a queue of two.
    const start = { details: { limit: 4, latency: 105 } };
    const controller = createController({ concurrency: 'auto', batchSize: 1, start, now: clock.now, sleep: clock.sleep });
    controller.startDetails();
    const cms = simulatedCms(clock, { workers: 1, requestMs: 25, rttMs: 80, queueLimit: 2, jitter: 0.1 });
    // The sync's first requests come a while after the controller is made (introspection comes first).
    await clock.run(clock.sleep(500));
    await clock.run(sync(controller, cms, 200));
    expect(cms.stats.shed).toBe(0);
    expect(controller.limit).toBeGreaterThanOrEqual(3);
  });

  it('settles below a remembered knee that the CMS no longer takes', async () => {
    const clock = virtualClock();
    // Learnt on a bigger CMS: twelve in flight. This one has two workers: its knee is about 2.4.
    const start = { details: { limit: 12, latency: 12 } };
    const controller = createController({ concurrency: 'auto', batchSize: 1, start, now: clock.now, sleep: clock.sleep });
    controller.startDetails();
    const cms = simulatedCms(clock, { workers: 2, requestMs: 10, rttMs: 2, queueLimit: 100, jitter: 0.1 });
    await clock.run(sync(controller, cms, 300));
    expect(controller.limit).toBeLessThanOrEqual(3);
    // Twelve did not pay, but the CMS shed nothing: a limit that only did not pay is kept apart.
    const { details } = controller.learned();
    expect(details).toMatchObject({ limit: controller.limit });
    expect(details?.bad).toBeUndefined();
    expect(details?.unpaid).toBeGreaterThan(controller.limit);
  });

  it('grows back to a remembered knee that queued only while the CMS was busy for a moment', async () => {
    const clock = virtualClock();
    // Sixteen workers 20 ms away, as above (knee ~17.6 at batches of 100), and what a sync of it learnt.
    const model: CmsModel = { workers: 16, requestMs: 5, pageMs: 2, rttMs: 20, queueLimit: 32, jitter: 0.1 };
    const start = { listing: { limit: 8, latency: 30 }, details: { limit: 16, latency: 230 }, pageBytes: 10 * 1024 };
    const controller = createController({ concurrency: 'auto', batchSize: 'auto', start, now: clock.now, sleep: clock.sleep });
    const cms = simulatedCms(clock, model);
    await clock.run(list(controller, cms, 150));
    // The details start while every request takes three times as long, for a second.
    model.busyUntilMs = clock.now() + 1000;
    controller.startDetails();
    await clock.run(sync(controller, cms, 30000, 10 * 1024));
    expect(cms.stats.shed).toBe(0);
    expect(controller.limit).toBeGreaterThanOrEqual(12);
  });

  it('does not try again a limit that overloaded the CMS in the last sync', async () => {
    const clock = virtualClock();
    // Eight workers could take far more than three, but the CMS shed requests at three in the last sync.
    const start = { details: { limit: 2, latency: 25, bad: 3 } };
    const controller = createController({ concurrency: 'auto', batchSize: 1, start, now: clock.now, sleep: clock.sleep });
    controller.startDetails();
    const cms = simulatedCms(clock, { workers: 8, requestMs: 5, rttMs: 20, queueLimit: 100 });
    await clock.run(sync(controller, cms, 400));
    expect(cms.stats.maxInFlight).toBe(2);
  });

  it('keeps a remembered overload in what it learns when the phase ends before any round', async () => {
    const clock = virtualClock();
    const start = { listing: { limit: 2, latency: 130, bad: 3 }, reference: 40 };
    const controller = createController({ concurrency: 'auto', batchSize: 'auto', start, now: clock.now, sleep: clock.sleep });
    const cms = simulatedCms(clock, { workers: 8, requestMs: 10, chunkMs: 20, rttMs: 30, queueLimit: 100 });
    // Two listing requests: too few for a round.
    await clock.run(list(controller, cms, 2 * LIST_CHUNKS));
    expect(controller.learned().listing).toMatchObject({ limit: 2, bad: 3 });
  });

  it('tries again a limit that only did not pay in the last sync when the CMS has workers enough, and not on one worker', async () => {
    const maxInFlight = async (workers: number): Promise<number> => {
      const clock = virtualClock();
      // Three did not pay in the last sync (noise, say), which shed nothing.
      const start = { details: { limit: 2, latency: 25, unpaid: 3 }, workers };
      const controller = createController({ concurrency: 'auto', batchSize: 1, start, now: clock.now, sleep: clock.sleep });
      controller.startDetails();
      const cms = simulatedCms(clock, { workers: 8, requestMs: 5, rttMs: 20, queueLimit: 100 });
      await clock.run(sync(controller, cms, 400));
      return cms.stats.maxInFlight;
    };
    expect(await maxInFlight(4)).toBeGreaterThan(3);
    expect(await maxInFlight(1)).toBe(2);
  });

  it('steps from a resumed limit no further than the limit that only did not pay in the last sync, whatever its first round reads', async () => {
    const clock = virtualClock();
    // Sixteen workers 1 ms away resumed at 25 on an idle CMS: the first round met no queue yet, read the
    // CMS as 20.7 workers and stepped to 50, past the 48 it holds. Here a CMS of 64 workers, whose first
    // round reads what later ones do (eight busy: a step to 16), shows which step the rule allows.
    const start = { details: { limit: 8, latency: 101, unpaid: 12 }, workers: 16, reference: 2 };
    const controller = createController({ concurrency: 'auto', batchSize: 1, start, now: clock.now, sleep: clock.sleep });
    controller.startDetails();
    const cms = simulatedCms(clock, { workers: 64, requestMs: 100, rttMs: 1, queueLimit: 128 });
    const limits = await syncWatchingLimits(clock, controller, cms, 600);
    // 12 is tried again first (it did not pay last time), and the climb goes on from there if it pays.
    expect(limits.slice(0, 2)).toEqual([8, 12]);
    expect(Math.max(...limits)).toBeGreaterThan(12);
  });

  it('learns nothing to keep with a fixed concurrency', () => {
    expect(createController({ concurrency: 4, batchSize: 'auto' }).learned()).toEqual({});
  });

  it('halves on overload and never returns to the limit that overloaded', async () => {
    const clock = virtualClock();
    const controller = createController({ concurrency: 'auto', batchSize: 1, now: clock.now, sleep: clock.sleep });
    controller.startDetails();
    const cms = simulatedCms(clock, { workers: 8, requestMs: 5, rttMs: 20, queueLimit: 100 });
    await clock.run(sync(controller, cms, 200));
    const reached = controller.limit;
    controller.overloaded();
    expect(controller.limit).toBe(Math.max(1, Math.floor(reached / 2)));
    await clock.run(sync(controller, cms, 200));
    expect(controller.limit).toBeLessThan(reached);
    expect(controller.summary()).toContain('backed off 1× on overload');
    // The next sync never reaches it either.
    expect(controller.learned().details?.bad).toBe(reached);
  });

  it('backs off once for the refusals of requests sent before its last back-off', async () => {
    const clock = virtualClock();
    // Resumed at 40 on a CMS that holds 16 (8 workers, a queue of 8): the first wave is refused in a burst.
    const start = { details: { limit: 40, latency: 50 }, workers: 16, reference: 2 };
    const controller = createController({ concurrency: 'auto', batchSize: 1, start, now: clock.now, sleep: clock.sleep });
    controller.startDetails();
    const cms = simulatedCms(clock, { workers: 8, requestMs: 40, rttMs: 10, queueLimit: 8, retryAfterMs: 100 });
    const limits = await syncWatchingLimits(clock, controller, cms, 400);
    expect(cms.stats.shed).toBeGreaterThan(10);
    // Each back-off answers the load it cut: 40, then 20, then (20 still overloads) 10, and no lower.
    expect(limits).toEqual([40, 20, 10]);
    expect(controller.summary()).toContain('backed off 2× on overload');
  });

  it('asks for a small first batch, then as many pages as the response-size bound allows, sharing out the last pages', async () => {
    const clock = virtualClock();
    const controller = createController({ concurrency: 2, batchSize: 'auto', now: clock.now, sleep: clock.sleep });
    controller.startDetails();
    expect(controller.batchSize()).toBe(FIRST_BATCH);
    // Pages of 10 kB: 100 of them are well under 4 MB.
    controller.pageBytes(10 * 1024);
    expect(controller.batchSize()).toBe(MAX_BATCH);
    expect(controller.batchSize(1000)).toBe(MAX_BATCH);
    // 150 pages left for two slots: 75 each rather than 100 for one and 50 for the other.
    expect(controller.batchSize(150)).toBe(75);
    // But no request smaller than half a full batch (each costs the CMS its own work): 60 pages left go
    // as 50 and 10, not as 30, 15, 10 and 5. A rebuild's few changed pages are one request, not one each.
    expect(controller.batchSize(60)).toBe(MAX_BATCH / 2);
    expect(controller.batchSize(4)).toBe(MAX_BATCH / 2);
    // Pages of 1 MB: the 4 MB bound caps the batch.
    controller.pageBytes(1024 * 1024);
    expect(controller.batchSize()).toBe(4);
    expect(controller.summary()).toBe('concurrency 2, batch auto, settled at 4');
  });

  it('keeps a fixed batch size whatever is left', () => {
    const controller = createController({ concurrency: 4, batchSize: 20 });
    expect(controller.batchSize(5)).toBe(20);
  });

  it('spaces request starts under CMS_MAX_RPS', async () => {
    const controller = createController({ concurrency: 8, batchSize: 20, maxRps: 50 });
    const starts: number[] = [];
    await Promise.all(Array.from({ length: 6 }, () => controller.run(async () => void starts.push(performance.now()))));
    // The i-th start no sooner than 20 ms × i after the first, but for the timers' granularity (a timer may
    // fire a millisecond or two early on the clock read here); without the cap the starts are well under a
    // millisecond apart. Not the gap between two starts: a timer that fires late on a busy machine (other
    // test files run beside this one) leaves a short gap before the next, which keeps to its time.
    starts.forEach((start, i) => expect(start - starts[0]!).toBeGreaterThanOrEqual(20 * i - 2));
  });
});

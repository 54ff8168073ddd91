import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { createController, type FetchController } from '../../src/wagtail/concurrency.ts';

/**
 * A CMS with `workers` that each serve one request in `serviceMs`, a queue that sheds past `queueLimit`
 * waiting requests, and a network of `rttMs`; requests are made through the controller as the sync does.
 */
function simulatedCms(options: { workers: number; serviceMs: number; rttMs: number; queueLimit: number }) {
  let busy = 0;
  const waiting: Array<() => void> = [];
  const stats = { maxInFlight: 0, inFlight: 0, shed: 0 };
  const request = async (controller: FetchController): Promise<void> => {
    stats.inFlight++;
    stats.maxInFlight = Math.max(stats.maxInFlight, stats.inFlight);
    const sent = performance.now();
    try {
      await sleep(options.rttMs / 2);
      if (busy >= options.workers) {
        if (waiting.length >= options.queueLimit) {
          stats.shed++;
          controller.overloaded();
          return;
        }
        await new Promise<void>((resolve) => waiting.push(resolve));
      } else busy++;
      await sleep(options.serviceMs);
      const next = waiting.shift();
      if (next) next();
      else busy--;
      await sleep(options.rttMs / 2);
      controller.responded(performance.now() - sent);
    } finally {
      stats.inFlight--;
    }
  };
  return { request, stats };
}

/** Makes `count` requests of `pages` each through the controller, as many at a time as it allows. */
async function sync(controller: FetchController, cms: ReturnType<typeof simulatedCms>, count: number, pages = 1): Promise<void> {
  let left = count;
  const dispatcher = async (): Promise<void> => {
    while (left-- > 0) await controller.run(() => cms.request(controller), () => pages);
  };
  await Promise.all(Array.from({ length: controller.ceiling }, dispatcher));
}

describe('fetch controller', () => {
  it('keeps a fixed concurrency and batch size exactly', async () => {
    const controller = createController({ concurrency: 3, batchSize: 7 });
    const cms = simulatedCms({ workers: 8, serviceMs: 2, rttMs: 0, queueLimit: 100 });
    await sync(controller, cms, 60);
    expect(cms.stats.maxInFlight).toBe(3);
    expect(controller.batchSize()).toBe(7);
    expect(controller.summary()).toBe('concurrency 3, batch 7');
  });

  it('starts at one request and grows while more in flight brings more throughput', async () => {
    const controller = createController({ concurrency: 'auto', batchSize: 20 });
    expect(controller.limit).toBe(1);
    // Eight workers behind a 20 ms round trip: the knee is about 8 × (20 + 5) / 5 = 40.
    const cms = simulatedCms({ workers: 8, serviceMs: 5, rttMs: 20, queueLimit: 100 });
    await sync(controller, cms, 400);
    expect(controller.limit).toBeGreaterThanOrEqual(16);
    expect(cms.stats.shed).toBe(0);
  });

  it('settles near the knee of a one-worker CMS without making it shed', async () => {
    const controller = createController({ concurrency: 'auto', batchSize: 20 });
    // Knee: 1 × (2 + 10) / 10 ≈ 1.2; with four in flight one would wait behind two and be shed.
    const cms = simulatedCms({ workers: 1, serviceMs: 10, rttMs: 2, queueLimit: 2 });
    await sync(controller, cms, 120);
    expect(cms.stats.shed).toBe(0);
    expect(cms.stats.maxInFlight).toBeLessThanOrEqual(3);
    expect(controller.limit).toBeGreaterThanOrEqual(1);
    expect(controller.limit).toBeLessThanOrEqual(2);
    expect(controller.summary()).toMatch(/^concurrency auto, settled at [12], batch 20$/);
  });

  it('halves on overload and never returns to the limit that overloaded', async () => {
    const controller = createController({ concurrency: 'auto', batchSize: 20 });
    const cms = simulatedCms({ workers: 8, serviceMs: 5, rttMs: 20, queueLimit: 100 });
    await sync(controller, cms, 200);
    const reached = controller.limit;
    controller.overloaded();
    expect(controller.limit).toBe(Math.max(1, Math.floor(reached / 2)));
    await sync(controller, cms, 200);
    expect(controller.limit).toBeLessThan(reached);
    expect(controller.summary()).toContain('backed off 1× on overload');
  });

  it('grows the batch while bigger batches bring more pages per second, within the response-size bound', async () => {
    const controller = createController({ concurrency: 2, batchSize: 'auto' });
    controller.startDetails();
    // A fixed 30 ms per request and 0.1 ms per page: bigger batches are nearly free.
    let left = 3000;
    const dispatcher = async (): Promise<void> => {
      while (left > 0) {
        let pages = 0;
        await controller.run(
          async () => {
            pages = Math.min(left, controller.batchSize());
            left -= pages;
            const sent = performance.now();
            await sleep(30 + pages * 0.1);
            controller.responded(performance.now() - sent);
          },
          () => pages,
        );
      }
    };
    await Promise.all([dispatcher(), dispatcher()]);
    expect(controller.batchSize()).toBe(100);
    // Pages of 1 MB: the 4 MB bound caps the batch whatever paid.
    controller.pageBytes(1024 * 1024);
    expect(controller.batchSize()).toBe(4);
  });

  it('spaces request starts under CMS_MAX_RPS', async () => {
    const controller = createController({ concurrency: 8, batchSize: 20, maxRps: 50 });
    const starts: number[] = [];
    await Promise.all(Array.from({ length: 6 }, () => controller.run(async () => void starts.push(performance.now()))));
    const gaps = starts.slice(1).map((t, i) => t - starts[i]!);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(18);
  });
});

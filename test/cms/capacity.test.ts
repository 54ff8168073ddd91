/**
 * Capacity of the synthetic server beyond its workers: `contention` (work slows down with every request in
 * the server past W) and `queueLimit` (a full queue sheds load with 503 + Retry-After). Both are off by
 * default. Timings are measured with small page times and asserted loosely.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CALIBRATED_CONTENTION, LatencyModel, contentionFactor } from '../../cms/latency.ts';
import type { CmsHandle } from '../../cms/server.ts';
import { gql, start } from './helpers.ts';

let cms: CmsHandle;
beforeAll(async () => {
  cms = await start({ content: { synthetic: { pages: 200, seed: 5 } } });
});
afterAll(() => cms.close());

/** One batch: 10 page lookups, so 10 × pageTime of server work. */
const BATCH = `{ ${Array.from({ length: 10 }, (_, i) => `p${i}: page(id: ${i + 3}) { id }`).join(' ')} }`;

/**
 * A client keeping `concurrency` batches open until `batches` are done; returns the server time per batch
 * (the gap between completions) while all `concurrency` were in the server, before the tail drains.
 */
async function perBatch(concurrency: number, batches: number): Promise<number> {
  const done: number[] = [];
  let issued = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (issued < batches) {
        issued++;
        const res = await gql(cms.url, BATCH);
        expect(res.status).toBe(200);
        done.push(performance.now());
      }
    }),
  );
  // Completions 1 .. batches − concurrency + 1 each came while `concurrency` batches were outstanding.
  const steady = done.slice(0, batches - concurrency + 1);
  return (steady.at(-1)! - steady[0]!) / (steady.length - 1);
}

/** Batches for about 24 completions in the steady state. */
const run = (concurrency: number) => perBatch(concurrency, concurrency + 24);

describe('contention', () => {
  it('is off by default, and the options and stats keep their former shape', () => {
    expect(new LatencyModel().options).toEqual({ rtt: 0, pageTime: 0, requestTime: 0, workers: 0, contention: 0, queueLimit: null });
    expect(cms.latency()).toMatchObject({ contention: 0, queueLimit: null });
    expect(cms.stats().shed).toBe(0);
  });

  it('grows work by 1 + contention × (in server − W), only beyond W', () => {
    expect(contentionFactor(1, 1, 0.05)).toBe(1);
    expect(contentionFactor(4, 4, 0.05)).toBe(1);
    expect(contentionFactor(3, 4, 0.05)).toBe(1);
    expect(contentionFactor(6, 4, 0.05)).toBeCloseTo(1.1);
    expect(contentionFactor(50, 0, 0.05)).toBe(1); // unlimited workers: no queue, no contention
    expect(contentionFactor(50, 1, 0)).toBe(1);
  });

  it('is calibrated on the real Wagtail: W=1, 10-page batches of 16 ms pages, concurrency 16 is 1.5× slower per batch than 4', () => {
    // With c requests kept in the server a batch takes 10 × 16 ms × (1 + k × (c − 1)):
    //   c = 4:  160 ms × (1 + 3k);  c = 16: 160 ms × (1 + 15k);  ratio 1.5 ⇔ 1 + 15k = 1.5 + 4.5k ⇔ k = 1/21.
    const batch = (c: number, k: number) => 10 * 16 * contentionFactor(c, 1, k);
    expect(batch(16, 1 / 21) / batch(4, 1 / 21)).toBeCloseTo(1.5, 10);
    expect(CALIBRATED_CONTENTION).toBe(0.05);
    expect(batch(4, CALIBRATED_CONTENTION)).toBeCloseTo(184);
    expect(batch(16, CALIBRATED_CONTENTION)).toBeCloseTo(280);
    expect(batch(16, CALIBRATED_CONTENTION) / batch(4, CALIBRATED_CONTENTION)).toBeCloseTo(1.52, 2);
  });

  it('slows work down while requests beyond W are in, rescheduling work already under way', async () => {
    const model = new LatencyModel({ workers: 1, requestTime: 100, contention: 0.5 });
    const t0 = performance.now();
    let first = 0;
    const one = model.serve(async () => {}).then(() => (first = performance.now() - t0));
    await new Promise((resolve) => setTimeout(resolve, 50));
    // Two more queue: from now on 3 are in the server, work runs 1 + 0.5 × (3 − 1) = 2× slower,
    // so the first request's last 50 ms of work take 100 ms: it finishes near 150 ms instead of 100.
    const joined = performance.now() - t0; // about 50 ms (later on a busy machine)
    const more = [model.serve(async () => {}), model.serve(async () => {})];
    expect(model.inServer).toBe(3);
    await one;
    const expected = joined + (100 - joined) * 2;
    expect(first).toBeGreaterThanOrEqual(expected - 10);
    expect(first).toBeLessThan(expected + 80);
    expect(first).toBeGreaterThan(110);
    await Promise.all(more);
    expect(model.inServer).toBe(0);

    const plain = new LatencyModel({ workers: 1, requestTime: 100 });
    const t1 = performance.now();
    const solo = plain.serve(async () => {}).then(() => performance.now() - t1);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const queued = [plain.serve(async () => {}), plain.serve(async () => {})];
    expect(await solo).toBeLessThan(135);
    await Promise.all(queued);
  });

  it('reproduces the 1.5× of concurrency 16 over 4 with W=1 (pageTime scaled down to 3 ms)', async () => {
    cms.setLatency({ rtt: 0, pageTime: 3, requestTime: 0, workers: 1, contention: CALIBRATED_CONTENTION });
    const four = await run(4); // 30 ms × 1.15 = 34.5 ms
    const sixteen = await run(16); // 30 ms × 1.75 = 52.5 ms
    expect(four).toBeGreaterThanOrEqual(30);
    expect(four).toBeLessThan(50);
    expect(sixteen / four).toBeGreaterThan(1.3);
    expect(sixteen / four).toBeLessThan(1.8);
    cms.setLatency({ pageTime: 0, workers: 0, contention: 0 });
  });

  it('makes batches slower only beyond W, and never without contention', async () => {
    cms.setLatency({ rtt: 0, pageTime: 3, requestTime: 0, workers: 2, contention: 0 });
    const plainAtW = await run(2); // two 30 ms batches at a time: 15 ms per batch
    const plainBeyond = await run(8);
    expect(plainBeyond / plainAtW).toBeGreaterThan(0.8);
    expect(plainBeyond / plainAtW).toBeLessThan(1.2);

    cms.setLatency({ contention: 0.1 });
    const atW = await run(2); // 2 in the server = W: factor 1
    const beyond = await run(8); // 1 + 0.1 × (8 − 2) = 1.6
    expect(atW / plainAtW).toBeGreaterThan(0.8);
    expect(atW / plainAtW).toBeLessThan(1.2);
    expect(beyond / atW).toBeGreaterThan(1.35);
    expect(beyond / atW).toBeLessThan(1.9);
    expect(cms.stats().shed).toBe(0);
    cms.setLatency({ pageTime: 0, workers: 0, contention: 0 });
  });
});

describe('queueLimit', () => {
  /** `n` lookups sent at once; each answer with its time. */
  async function burst(n: number) {
    const t0 = performance.now();
    return Promise.all(
      Array.from({ length: n }, async (_, i) => {
        const res = await gql(cms.url, `{ page(id: ${i + 3}) { id } }`);
        return { ...res, ms: performance.now() - t0 };
      }),
    );
  }

  it('sheds requests beyond the queue with 503 and Retry-After: 1, and counts them', async () => {
    cms.setLatency({ rtt: 0, pageTime: 150, workers: 1, queueLimit: 2 });
    cms.resetStats();
    const answers = await burst(5); // 1 in service, 2 waiting, 2 shed
    const ok = answers.filter((a) => a.status === 200);
    const shed = answers.filter((a) => a.status === 503);
    expect(ok).toHaveLength(3);
    expect(shed).toHaveLength(2);
    for (const a of shed) {
      expect(a.headers.get('retry-after')).toBe('1');
      expect(a.headers.get('content-type')).toBe('application/json');
      expect(a.body.errors[0].message).toMatch(/overloaded/);
      expect(a.ms).toBeLessThan(140); // answered at once, not after a worker
    }
    expect(Math.max(...ok.map((a) => a.ms))).toBeGreaterThanOrEqual(430);
    const stats = cms.stats();
    expect(stats.shed).toBe(2);
    expect(stats.graphqlRequests).toBe(5);
    expect(stats.graphqlOperations).toBe(3);
    expect(stats.faults.total).toBe(0);
  });

  it('does not shed below the limit, nor without one', async () => {
    cms.setLatency({ rtt: 0, pageTime: 60, workers: 1, queueLimit: 4 });
    cms.resetStats();
    expect((await burst(5)).every((a) => a.status === 200)).toBe(true);
    cms.setLatency({ queueLimit: null });
    expect((await burst(8)).every((a) => a.status === 200)).toBe(true);
    expect(cms.stats().shed).toBe(0);
  });

  it('with 0 keeps no queue; a shed request draws no fault', async () => {
    cms.setLatency({ rtt: 0, pageTime: 150, workers: 1, queueLimit: 0 });
    cms.resetStats();
    const busy = gql(cms.url, '{ page(id: 3) { id } }');
    await new Promise((resolve) => setTimeout(resolve, 40));
    cms.setFaults({ next: ['502'] });
    expect((await gql(cms.url, '{ page(id: 4) { id } }')).status).toBe(503);
    expect((await busy).status).toBe(200);
    // The worker is free again: the queued fault goes to the next request that reaches it.
    const next = await fetch(cms.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ imageType }"}' });
    expect(next.status).toBe(502);
    expect(cms.stats()).toMatchObject({ shed: 1, faults: { total: 1, '502': 1 } });
    cms.setLatency({ pageTime: 0, workers: 0, queueLimit: null });
  });

  it('is set and checked through the admin API and setLatency', async () => {
    const post = (body: unknown) =>
      fetch(`${cms.origin}/__cms/latency`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const set = await post({ contention: 0.05, queueLimit: 3 });
    expect(set.status).toBe(200);
    expect(await set.json()).toMatchObject({ contention: 0.05, queueLimit: 3 });
    expect(await (await post({ queueLimit: null, contention: 0 })).json()).toMatchObject({ contention: 0, queueLimit: null });
    expect((await post({ contention: -1 })).status).toBe(400);
    expect((await post({ queueLimit: 1.5 })).status).toBe(400);
    expect(() => cms.setLatency({ queueLimit: -2 })).toThrow(RangeError);
    expect(() => cms.setLatency({ contention: Number.NaN })).toThrow(RangeError);
    expect(cms.latency()).toMatchObject({ contention: 0, queueLimit: null });
  });
});

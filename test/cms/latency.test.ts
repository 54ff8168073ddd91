/** Simulated latency: rtt per response, work per page, and a semaphore of worker slots. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CmsHandle } from '../../cms/server.ts';
import { gql, start } from './helpers.ts';

let cms: CmsHandle;
beforeAll(async () => {
  cms = await start({ content: { synthetic: { pages: 200, seed: 11 } } });
});
afterAll(() => cms.close());

async function timed(query: string): Promise<number> {
  const t0 = performance.now();
  const res = await gql(cms.url, query);
  expect(res.status).toBe(200);
  return performance.now() - t0;
}

describe('latency', () => {
  it('adds rtt to every response', async () => {
    cms.setLatency({ rtt: 120, pageTime: 0, workers: 0 });
    expect(await timed('{ imageType }')).toBeGreaterThanOrEqual(115);
    const t0 = performance.now();
    await fetch(`${cms.origin}/embeds/1/`);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(115);
    cms.setLatency({ rtt: 0 });
    expect(await timed('{ imageType }')).toBeLessThan(100);
  });

  it('charges pageTime per page looked up and a tenth per listed page', async () => {
    cms.setLatency({ rtt: 0, pageTime: 60, workers: 0 });
    const one = await timed('{ page(id: 3) { id } }');
    expect(one).toBeGreaterThanOrEqual(55);
    const three = await timed('{ a: page(id: 3) { id } b: page(id: 4) { id } c: page(id: 5) { id } }');
    expect(three).toBeGreaterThanOrEqual(175);
    const list = await timed('{ pages(limit: 20) { id } }');
    expect(list).toBeGreaterThanOrEqual(115);
    expect(list).toBeLessThan(600);
    cms.setLatency({ pageTime: 0 });
  });

  it('serves at most `workers` requests at once and queues the rest', async () => {
    cms.setLatency({ rtt: 0, pageTime: 100, workers: 2 });
    cms.resetStats();
    const t0 = performance.now();
    await Promise.all(Array.from({ length: 6 }, (_, i) => gql(cms.url, `{ page(id: ${i + 3}) { id } }`)));
    const elapsed = performance.now() - t0;
    expect(cms.stats().maxInFlight).toBe(2);
    expect(elapsed).toBeGreaterThanOrEqual(290);
    expect(elapsed).toBeLessThan(1500);

    cms.setLatency({ workers: 0 });
    cms.resetStats();
    await Promise.all(Array.from({ length: 6 }, (_, i) => gql(cms.url, `{ page(id: ${i + 3}) { id } }`)));
    expect(cms.stats().maxInFlight).toBe(6);
    cms.setLatency({ pageTime: 0 });
  });
});

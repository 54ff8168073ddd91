/**
 * The listing against the demo CMS: what it tells the fetch controller of each request it made.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startCms, type CmsHandle } from '../../cms/server.ts';
import { LIST_CHUNKS, type FetchController } from '../../src/wagtail/concurrency.ts';
import { listPages } from '../../src/wagtail/list-pages.ts';
import { createSession, introspect } from '../../src/wagtail/session.ts';

let cms: CmsHandle | undefined;
afterEach(async () => {
  await cms?.close();
  cms = undefined;
});

describe('listing', () => {
  it('has the controller learn only from chunks that came back full, and from the first chunk alone', async () => {
    cms = await startCms({ port: 0, content: { synthetic: { pages: 1000, seed: 3 } } });
    const session = createSession({ endpoint: cms.url });
    await introspect(session);
    // What each listing request reports as its size once done: the controller learns from those of
    // LIST_CHUNKS and from the reference (one chunk alone), and leaves out the others.
    const reported: number[] = [];
    const { controller } = session;
    const recording: FetchController = Object.create(controller);
    recording.run = (work, pages) =>
      controller.run(
        work,
        pages &&
          (() => {
            const size = pages();
            reported.push(size);
            return size;
          }),
      );
    session.controller = recording;
    const listing = await listPages(session);
    expect(listing.rows).toBe(1000);
    // The first chunk alone (the reference), then three requests at once (the probe): chunks 1–10, the
    // last of them past the end of the site, and two requests wholly past it. Their chunks come back empty
    // and cheap: counted as ten chunks each, those requests would read as a CMS faster than it is. (Workers
    // that find the listing over by the time they get a slot send nothing, and report 0 too.)
    expect(reported[0]).toBe(1);
    expect(reported.filter((n) => n > 0)).toEqual([1, 9]);
    expect(reported).not.toContain(LIST_CHUNKS);
  });
});

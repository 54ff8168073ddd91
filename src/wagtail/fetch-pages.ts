/**
 * Fetches page details in batches of aliased `page(id:)` selections (grapple rejects array-batched bodies,
 * README item 2), as many at a time as the fetch controller allows (concurrency.ts).
 *
 * A batch answered with errors keeps the pages that came back whole; the pages at fault are retried alone,
 * and one that still fails stops the sync with its id and url. A batch that fails at the HTTP level is split
 * into single pages before giving up, so the message names the page that breaks the CMS, not ten suspects.
 */
import { CmsRequestError, PageSyncError, describe } from './errors.ts';
import type { GraphQLErrorEntry } from './client.ts';
import type { ListedPage } from './list-pages.ts';
import { normalizePage, type References } from './normalize.ts';
import { IMAGE_SOURCE, type QueryPlan } from './query-builder.ts';
import { backoffDelay, sleep } from './retry.ts';
import { pageSchema, type Page } from './schema.ts';
import type { Session } from './session.ts';

export interface FetchHooks {
  onPages(count: number): void;
  onWarning(message: string): void;
}

export interface FetchResult {
  pages: Page[];
  /** What each fetched page's content mentions, by page id (for refreshing dependents on later syncs). */
  references: Map<string, References>;
  /** Listed pages that were gone (unpublished or deleted) by the time their details were asked for. */
  vanished: string[];
}

type Failed = { kind: 'failed'; reason: string };
type Outcome = { kind: 'ok'; page: Page; references: References } | { kind: 'vanished' } | Failed;

export async function fetchPages(session: Session, plan: QueryPlan, listed: readonly ListedPage[], hooks: FetchHooks): Promise<FetchResult> {
  const { controller } = session;
  const pages: Page[] = [];
  const references = new Map<string, References>();
  const vanished: string[] = [];
  let aborted = false;

  const settle = (ref: ListedPage, outcome: Outcome): void => {
    if (outcome.kind === 'ok') {
      pages.push(outcome.page);
      references.set(outcome.page.id, outcome.references);
    } else if (outcome.kind === 'vanished') {
      vanished.push(ref.id);
      hooks.onWarning(`page ${ref.id} (${ref.url}) was listed but is no longer live; it is left out`);
    }
  };

  /** Fetches one batch; returns the refs that need a retry on their own, with the reason. */
  const runBatch = async (batch: readonly ListedPage[]): Promise<Array<[ListedPage, Failed]>> => {
    const outcomes = await fetchBatch(session, plan, batch, hooks);
    const failed: Array<[ListedPage, Failed]> = [];
    batch.forEach((ref, i) => {
      const outcome = outcomes[i] as Outcome;
      if (outcome.kind === 'failed') failed.push([ref, outcome]);
      else settle(ref, outcome);
    });
    hooks.onPages(batch.length - failed.length);
    return failed;
  };

  const retryAlone = async (ref: ListedPage, first: Failed): Promise<void> => {
    let last = first;
    for (let attempt = 1; attempt <= session.retry.retries; attempt++) {
      if (aborted) return;
      await sleep(backoffDelay(attempt, session.retry));
      session.client.stats.retries++;
      // Through the controller (its limit and rate cap hold for retries too), but not learnt from: one
      // page after a failure says nothing about the CMS's knee.
      const [again] = await controller.run(() => runBatch([ref]), () => 0);
      if (!again) return;
      last = again[1];
    }
    throw new PageSyncError(ref, `${last.reason} (operation WagtailPages at ${session.client.endpoint}, after ${session.retry.retries + 1} attempts).`);
  };

  // A batch is cut when its request gets a slot, so it takes the controller's batch size of that moment;
  // as many dispatchers as the controller could ever allow take turns.
  controller.startDetails();
  const queue = [...listed];
  const bytesBefore = session.client.stats.bytes;
  let fetchedPages = 0;
  const dispatch = async (): Promise<void> => {
    while (queue.length > 0 && !aborted) {
      let batch: ListedPage[] = [];
      const failed = await controller.run(
        async () => {
          // A slot may come after another batch failed the sync: send nothing then.
          batch = aborted ? [] : queue.splice(0, controller.batchSize(queue.length));
          if (batch.length === 0) return [];
          const left = await runBatch(batch);
          // Told while the slot is held, so the batches cut as soon as it is freed are of the new size.
          fetchedPages += batch.length;
          controller.pageBytes((session.client.stats.bytes - bytesBefore) / fetchedPages);
          return left;
        },
        () => batch.length,
      );
      for (const [ref, outcome] of failed) await retryAlone(ref, outcome);
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(controller.ceiling, listed.length) }, dispatch));
  } catch (error) {
    aborted = true;
    throw error;
  }
  return { pages, references, vanished };
}

async function fetchBatch(session: Session, plan: QueryPlan, batch: readonly ListedPage[], hooks: FetchHooks): Promise<Outcome[]> {
  let result;
  try {
    result = await session.client.request<Record<string, unknown>>(
      'WagtailPages',
      plan.detailsQuery(batch.map((p) => ({ id: p.id, typename: p.__typename }))),
    );
  } catch (error) {
    // A server error that outlived the retries may be one page crashing the CMS: ask for each page alone
    // to name it. (A 4xx is the query's fault, and no answer at all is the CMS's: splitting helps neither.)
    if (batch.length > 1 && error instanceof CmsRequestError && error.status !== undefined && error.status >= 500) {
      const singles = await Promise.all(batch.map((ref) => fetchBatch(session, plan, [ref], hooks)));
      return singles.map((outcomes) => outcomes[0] as Outcome);
    }
    const ref = batch[0] as ListedPage;
    throw new PageSyncError(ref, describe(error), { cause: error });
  }

  const unplaced = result.errors.filter((e) => !isAlias(e.path?.[0]));
  return batch.map((ref, i): Outcome => {
    const alias = `p${i}`;
    const own = result.errors.filter((e) => e.path?.[0] === alias);
    // A rendition that could not be generated (an undecodable original) leaves the page usable: the
    // normalizer falls back to the original image URL (grapple README item 7).
    const fatal = [...unplaced, ...own.filter((e) => !e.path?.includes(IMAGE_SOURCE))];
    for (const e of own) if (!fatal.includes(e)) hooks.onWarning(`page ${ref.id} (${ref.url}): ${formatError(e)}; using the original image`);
    if (fatal.length > 0) return { kind: 'failed', reason: `grapple answered with errors: ${fatal.map(formatError).join('; ')}` };
    const raw = result.data[alias];
    if (raw === null || raw === undefined) return { kind: 'vanished' };
    return toPage(ref, raw, plan, hooks);
  });
}

function toPage(ref: ListedPage, raw: unknown, plan: QueryPlan, hooks: FetchHooks): Outcome {
  const typePlan = plan.pageTypes.get(ref.__typename);
  if (!typePlan || typeof raw !== 'object' || raw === null) {
    return { kind: 'failed', reason: `the CMS answered with a ${typeof raw} instead of a ${ref.__typename} page.` };
  }
  const { page, references, warnings } = normalizePage(raw as Record<string, unknown>, typePlan, plan.roles);
  for (const warning of warnings) hooks.onWarning(`page ${ref.id} (${ref.url}): ${warning}`);
  const parsed = pageSchema.safeParse(page);
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 3).map((i) => `\`${i.path.join('.')}\` ${i.message}`);
    return { kind: 'failed', reason: `its data does not match the page schema: ${issues.join('; ')}.` };
  }
  return { kind: 'ok', page: parsed.data, references };
}

const isAlias = (segment: string | number | undefined): boolean => typeof segment === 'string' && /^p\d+$/.test(segment);

function formatError(error: GraphQLErrorEntry): string {
  return error.path ? `${error.message} (at ${error.path.join('.')})` : error.message;
}

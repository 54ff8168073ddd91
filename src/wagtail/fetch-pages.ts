/**
 * Fetches page details in batches of aliased `page(id:)` selections (grapple rejects array-batched bodies,
 * README item 2), as many at a time as the fetch controller allows (concurrency.ts).
 *
 * A batch answered with errors keeps the pages that came back whole; the pages at fault are retried alone,
 * and one that still fails stops the sync with its id and url. A batch that fails at the HTTP level is split
 * into single pages before giving up, so the message names the page that breaks the CMS, not ten suspects.
 */
import { CmsRequestError, PageSyncError, describe } from './errors.ts';
import type { GraphQLErrorEntry, GraphQLResult } from './client.ts';
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
type BatchAnswer = GraphQLResult<Record<string, unknown>>;

/** A first sync's first batch, asked for while the listing ends (see `prefetchFirstBatch`). */
export interface Prefetched {
  plan: QueryPlan;
  batch: readonly ListedPage[];
  answer: BatchAnswer;
}

/**
 * Asks for the first pages the listing found, through the controller (a free slot of the listing's last
 * wave) but not learnt from, and tells the controller how big a page is. A first sync's details cannot
 * send full batches before they know that (the response-size bound), and asking for it as they start
 * cost a round trip on their way (0.14 s, 3% of four workers 100 ms away). Its answer is reused by
 * `fetchPages` if the details run on the same plan. A failure is left to the details, which fetch these
 * pages again and name the one at fault: undefined then.
 */
export async function prefetchFirstBatch(session: Session, plan: QueryPlan, listed: readonly ListedPage[]): Promise<Prefetched | undefined> {
  const { controller } = session;
  try {
    return await controller.run(async () => {
      const batch = listed.slice(0, controller.batchSize());
      if (batch.length === 0) return undefined;
      const answer = await requestBatch(session, plan, batch);
      controller.pageBytes(answer.bytes / batch.length);
      return { plan, batch, answer };
    }, () => 0);
  } catch {
    return undefined;
  }
}

export async function fetchPages(
  session: Session,
  plan: QueryPlan,
  listed: readonly ListedPage[],
  hooks: FetchHooks,
  prefetched?: Prefetched,
): Promise<FetchResult> {
  const { controller } = session;
  const pages: Page[] = [];
  const references = new Map<string, References>();
  const vanished: string[] = [];
  let aborted = false;
  // The average size of a page in detail answers so far, for the controller's response-size bound.
  let bytes = 0;
  let sized = 0;
  const measured = (answerBytes: number, count: number) => {
    bytes += answerBytes;
    sized += count;
    controller.pageBytes(bytes / sized);
  };

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
    const { outcomes, bytes: answerBytes } = await fetchBatch(session, plan, batch, hooks);
    // Told while the slot is held, so the batches cut as soon as it is freed are of the new size.
    measured(answerBytes, batch.length);
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

  // The prefetched pages still listed are done, unless they failed (fetched again below, and retried).
  let queue = [...listed];
  if (prefetched?.plan === plan) {
    const wanted = new Set(listed.map((ref) => ref.id));
    const done = new Set<string>();
    prefetched.batch.forEach((ref, i) => {
      if (!wanted.has(ref.id)) return;
      const outcome = outcomeOf(ref, i, prefetched.answer, plan, hooks);
      if (outcome.kind === 'failed') return;
      settle(ref, outcome);
      done.add(ref.id);
    });
    measured(prefetched.answer.bytes, prefetched.batch.length);
    hooks.onPages(done.size);
    queue = queue.filter((ref) => !done.has(ref.id));
  }

  // A batch is cut when its request gets a slot, so it takes the controller's batch size of that moment;
  // as many dispatchers as the controller could ever allow take turns.
  controller.startDetails();
  const dispatch = async (): Promise<void> => {
    while (queue.length > 0 && !aborted) {
      let batch: ListedPage[] = [];
      const failed = await controller.run(
        async () => {
          // A slot may come after another batch failed the sync: send nothing then.
          batch = aborted ? [] : queue.splice(0, controller.batchSize(queue.length));
          if (batch.length === 0) return [];
          return await runBatch(batch);
        },
        () => batch.length,
      );
      for (const [ref, outcome] of failed) await retryAlone(ref, outcome);
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(controller.ceiling, queue.length) }, dispatch));
  } catch (error) {
    aborted = true;
    throw error;
  }
  return { pages, references, vanished };
}

async function requestBatch(session: Session, plan: QueryPlan, batch: readonly ListedPage[]): Promise<BatchAnswer> {
  return session.client.request<Record<string, unknown>>(
    'WagtailPages',
    plan.detailsQuery(batch.map((p) => ({ id: p.id, typename: p.__typename }))),
  );
}

async function fetchBatch(session: Session, plan: QueryPlan, batch: readonly ListedPage[], hooks: FetchHooks): Promise<{ outcomes: Outcome[]; bytes: number }> {
  let answer;
  try {
    answer = await requestBatch(session, plan, batch);
  } catch (error) {
    // A server error that outlived the retries may be one page crashing the CMS: ask for each page alone
    // to name it. (A 4xx is the query's fault, and no answer at all is the CMS's: splitting helps neither.)
    if (batch.length > 1 && error instanceof CmsRequestError && error.status !== undefined && error.status >= 500) {
      const singles = await Promise.all(batch.map((ref) => fetchBatch(session, plan, [ref], hooks)));
      return { outcomes: singles.map((single) => single.outcomes[0] as Outcome), bytes: singles.reduce((sum, single) => sum + single.bytes, 0) };
    }
    const ref = batch[0] as ListedPage;
    throw new PageSyncError(ref, describe(error), { cause: error });
  }
  return { outcomes: batch.map((ref, i) => outcomeOf(ref, i, answer, plan, hooks)), bytes: answer.bytes };
}

/** What the answer to a batch says of its `i`-th page. */
function outcomeOf(ref: ListedPage, i: number, answer: BatchAnswer, plan: QueryPlan, hooks: FetchHooks): Outcome {
  const alias = `p${i}`;
  const unplaced = answer.errors.filter((e) => !isAlias(e.path?.[0]));
  const own = answer.errors.filter((e) => e.path?.[0] === alias);
  // A rendition that could not be generated (an undecodable original) leaves the page usable: the
  // normalizer falls back to the original image URL (grapple README item 7).
  const fatal = [...unplaced, ...own.filter((e) => !e.path?.includes(IMAGE_SOURCE))];
  for (const e of own) if (!fatal.includes(e)) hooks.onWarning(`page ${ref.id} (${ref.url}): ${formatError(e)}; using the original image`);
  if (fatal.length > 0) return { kind: 'failed', reason: `grapple answered with errors: ${fatal.map(formatError).join('; ')}` };
  const raw = answer.data[alias];
  if (raw === null || raw === undefined) return { kind: 'vanished' };
  return toPage(ref, raw, plan, hooks);
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

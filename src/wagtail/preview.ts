/**
 * A draft page by its wagtail-headless-preview token (`page(token:)`), with the same derived query and
 * normalization as the sync, so a preview renders with the same templates. Runs on request in the preview
 * function: the session and the schema are made once per function instance.
 */
import { introspect, requestValid, createSession, type Session } from './session.ts';
import { z } from 'astro/zod';
import type { WagtailOptions } from './config.ts';
import { CmsResponseError } from './errors.ts';
import { normalizePage } from './normalize.ts';
import type { QueryPlan } from './query-builder.ts';
import { pageSchema, type Page } from './schema.ts';

/** Tokens are signed strings (`id=12:1tXb…`); anything else is refused before it reaches a query. */
const TOKEN = /^[\w:=;.\-+/]{1,512}$/;

let ready: Promise<{ session: Session; plan: QueryPlan }> | undefined;

function prepare(options: WagtailOptions): Promise<{ session: Session; plan: QueryPlan }> {
  ready ??= (async () => {
    const session = createSession(options);
    const { plan } = await introspect(session);
    return { session, plan };
  })().catch((error: unknown) => {
    ready = undefined; // the next preview asks again rather than inheriting the failure
    throw error;
  });
  return ready;
}

const typeAnswer = z.object({ page: z.object({ __typename: z.string() }).nullable() });

/** The draft behind `token`, or null when the token is malformed, unknown or expired (grapple answers null). */
export async function fetchPreview(token: string, options: WagtailOptions = {}): Promise<Page | null> {
  if (!TOKEN.test(token)) return null;
  const { session, plan } = await prepare(options);
  // The page's type first: one query with every type's fragment could make same-named fields of
  // different types overlap, which GraphQL rejects (grapple README item 15).
  // A tampered token (`id=12:…:forged`) makes grapple answer `page: null` with a BadSignature error:
  // that is an invalid token like any other, not a CMS failure to retry.
  const typed = await session.client.request<unknown>('WagtailPreviewType', `query WagtailPreviewType { page(token: ${JSON.stringify(token)}) { __typename } }`);
  const parsed = typeAnswer.safeParse(typed.data);
  const typename = parsed.success ? parsed.data.page?.__typename : undefined;
  if (!typename) {
    if (!parsed.success) throw new CmsResponseError(`The preview answer from ${session.client.endpoint} is not in grapple's format.`);
    return null;
  }
  const typePlan = plan.pageTypes.get(typename);
  if (!typePlan) throw new CmsResponseError(`The preview is of page type ${typename}, which the CMS schema read at start-up does not have; redeploy after schema changes.`);
  const answer = await requestValid(session, 'WagtailPreview', plan.previewQuery(token, typename), z.object({ page: z.record(z.string(), z.unknown()).nullable() }), 'preview');
  if (!answer.page) return null;
  const page = pageSchema.safeParse(normalizePage(answer.page, typePlan, plan.roles).page);
  if (!page.success) {
    const issue = page.error.issues[0];
    throw new CmsResponseError(`The draft's data does not match the page schema: \`${issue?.path.join('.')}\` ${issue?.message}.`);
  }
  return page.data;
}

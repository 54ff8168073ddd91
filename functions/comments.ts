/**
 * `GET /api/comments?page=<id>`: a page's approved comments, oldest first, paginated by `next`.
 * `POST /api/comments`: a new comment, from the comments island (JSON) or a form without JavaScript
 * (answered with a redirect back to the page). See README "Comments".
 */
import type { Config } from '@netlify/functions';
import { publicComment, type CommentRecord } from './_shared/comments/record.ts';
import { clientKey, takeSlot } from './_shared/comments/rate-limit.ts';
import { commentsSetup } from './_shared/comments/settings.ts';
import { listMarkers, readMarked, saveComment } from './_shared/comments/store.ts';
import { countLinks } from './_shared/comments/text.ts';
import { PAGE_ID, validateSubmission } from './_shared/comments/validate.ts';
import { timeOrderedKey } from './_shared/keys.ts';
import { allowMethods, bodyFormat, clientAddress, errorResponse, HttpError, json, logFailure, readFields, wantsHtml, type RequestContext } from './_shared/http.ts';
import { sitePage, type SitePage } from './_shared/site-pages.ts';

/** A comment of 5,000 characters, all multi-byte, with its other fields, fits comfortably. */
const MAX_BODY_BYTES = 32 * 1024;

export default async function comments(request: Request, context?: RequestContext): Promise<Response> {
  try {
    allowMethods(request, ['GET', 'POST']);
    return request.method === 'GET' ? await list(request, context) : await post(request, context);
  } catch (error) {
    return errorResponse(error, request);
  }
}

export const config: Config = { path: '/api/comments' };

function commentablePage(id: string): SitePage {
  const page = PAGE_ID.test(id) ? sitePage(id) : undefined;
  if (!page) throw new HttpError(404, `There is no page with id ${JSON.stringify(id)} on this site.`, { fields: { page: 'Unknown page.' } });
  if (!page.comments) {
    throw new HttpError(404, `Comments are not open on ${page.url}.`, { fields: { page: 'Comments are not open on this page.' } });
  }
  return page;
}

async function list(request: Request, context: RequestContext | undefined): Promise<Response> {
  const url = new URL(request.url);
  const pageId = url.searchParams.get('page')?.trim() ?? '';
  if (!pageId) throw new HttpError(400, 'Say which page: /api/comments?page=<page id>.', { fields: { page: 'Required.' } });
  commentablePage(pageId);
  const { settings, store } = commentsSetup(context);

  const after = url.searchParams.get('after') ?? '';
  const marked = await listMarkers(store, 'approved', pageId);
  const rest = marked.filter(({ id }) => id > after);
  const shown = await readMarked(store, 'approved', rest.slice(0, settings.pageSize));
  const last = shown.at(-1);
  const next = rest.length > settings.pageSize && last ? `/api/comments?page=${encodeURIComponent(pageId)}&after=${encodeURIComponent(last.id)}` : null;
  return json({ comments: shown.map(publicComment), count: marked.length, next });
}

async function post(request: Request, context: RequestContext | undefined): Promise<Response> {
  const form = isFormPost(request);
  let fields: Record<string, string> = {};
  try {
    const { settings, store } = commentsSetup(context);
    fields = await readFields(request, MAX_BODY_BYTES);
    const submission = validateSubmission(fields);
    commentablePage(submission.page);
    await takeSlot(store, clientKey(clientAddress(request, context)), settings.rateLimit);

    const links = countLinks(submission.body);
    const held = links > settings.maxLinks ? `has ${links} links (more than ${settings.maxLinks})` : null;
    const status = settings.moderation === 'post' && !held ? 'approved' : 'pending';
    const record: CommentRecord = {
      id: timeOrderedKey(),
      ...submission,
      createdAt: new Date().toISOString(),
      status,
      heldBecause: settings.moderation === 'post' ? held : null,
    };
    const saved = await saveComment(store, record);
    if (form) return formAnswer(status, submission.page);
    return json({ comment: publicComment(saved), status }, { status: 201 });
  } catch (error) {
    if (!form) throw error;
    if (!(error instanceof HttpError)) logFailure(error, request);
    return formAnswer('error', fields.page);
  }
}

function isFormPost(request: Request): boolean {
  try {
    return bodyFormat(request) === 'form' && wantsHtml(request);
  } catch {
    return false;
  }
}

/**
 * A browser without JavaScript posted the form: send it back to the page with the outcome in the query,
 * whose fragment shows the comments section's notice for it. The target is the page's URL from the build, never
 * anything the request said, so this cannot redirect elsewhere.
 */
function formAnswer(outcome: 'pending' | 'approved' | 'error', pageId: string | undefined): Response {
  let target = '/';
  try {
    const page = pageId && PAGE_ID.test(pageId) ? sitePage(pageId) : undefined;
    if (page) target = page.url;
  } catch {
    // The page list is unreadable: the home page is still a better answer than an error.
  }
  return new Response(null, { status: 303, headers: { location: `${target}?comment=${outcome}#comment-${outcome}`, 'cache-control': 'no-store' } });
}

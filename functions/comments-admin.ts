/**
 * The moderation API, behind `Authorization: Bearer <COMMENTS_ADMIN_TOKEN>`:
 *   GET    /api/comments/admin?status=pending|approved[&page=<id>]   comments with emails, oldest first
 *   POST   /api/comments/admin/<page>/<id>/approve                    publish a pending comment
 *   POST   /api/comments/admin/<page>/<id>/reject                     remove a pending comment
 *   DELETE /api/comments/admin/<page>/<id>                            remove any comment
 * The moderation page (`/moderate/`) is a client of it.
 */
import type { Config } from '@netlify/functions';
import { requireBearer } from './_shared/auth.ts';
import { publicComment, type CommentRecord, type ModeratedComment } from './_shared/comments/record.ts';
import { commentsSetup } from './_shared/comments/settings.ts';
import { approveComment, deleteComment, listMarkers, readMarked } from './_shared/comments/store.ts';
import { PAGE_ID } from './_shared/comments/validate.ts';
import { allowMethods, errorResponse, HttpError, json, type RequestContext } from './_shared/http.ts';
import { sitePage } from './_shared/site-pages.ts';

const BASE = '/api/comments/admin';
const COMMENT_ID = /^\d{13}-[0-9a-f]{12}$/;

export default async function commentsAdmin(request: Request, context?: RequestContext): Promise<Response> {
  try {
    const { settings, store } = commentsSetup(context);
    requireBearer(request, settings.adminToken, 'COMMENTS_ADMIN_TOKEN');
    const url = new URL(request.url);
    const [page, id, action, ...extra] = url.pathname.slice(BASE.length).split('/').filter(Boolean);

    if (!page) {
      allowMethods(request, ['GET']);
      const status = url.searchParams.get('status') ?? 'pending';
      if (status !== 'pending' && status !== 'approved') throw new HttpError(400, 'status must be pending or approved.', { fields: { status: 'pending or approved' } });
      const filter = url.searchParams.get('page') ?? undefined;
      const records = await readMarked(store, status, await listMarkers(store, status, filter));
      return json({ comments: records.map(moderated), count: records.length });
    }

    if (!PAGE_ID.test(page) || !id || !COMMENT_ID.test(id) || extra.length > 0) {
      throw new HttpError(404, `No such moderation path: ${url.pathname}. Use ${BASE}/<page>/<comment id>[/approve|/reject].`);
    }
    const missing = () => new HttpError(404, `There is no comment ${id} on page ${page}.`);
    if (action === 'approve') {
      allowMethods(request, ['POST']);
      const approved = await approveComment(store, page, id);
      if (!approved) throw missing();
      return json({ comment: moderated(approved) });
    }
    if (action === 'reject' || action === undefined) {
      allowMethods(request, action ? ['POST'] : ['DELETE']);
      if (!(await deleteComment(store, page, id))) throw missing();
      return json({ deleted: { page, id } });
    }
    throw new HttpError(404, `Unknown action ${JSON.stringify(action)}: use approve or reject.`);
  } catch (error) {
    return errorResponse(error, request);
  }
}

export const config: Config = { path: ['/api/comments/admin', '/api/comments/admin/*'] };

function moderated(record: CommentRecord): ModeratedComment {
  let page: ReturnType<typeof sitePage>;
  try {
    page = sitePage(record.page);
  } catch {
    page = undefined;
  }
  return {
    ...publicComment(record),
    page: record.page,
    pageUrl: page?.url ?? null,
    pageTitle: page?.title ?? null,
    email: record.email,
    status: record.status,
    heldBecause: record.heldBecause,
  };
}

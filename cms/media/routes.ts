/**
 * Media over HTTP, laid out like a Wagtail site: `/media/original_images/<file>`, renditions at
 * `/media/images/<name>.<filterspec>.<ext>` (generated on first request, then cached), documents at
 * `/documents/<id>/<file>.pdf`, and the stand-in embed provider's player pages at `/embeds/<id>/`.
 */
import type { ContentStore } from '../content/store.ts';
import { notFoundPage } from '../http-util.ts';
import type { CmsStats } from '../stats.ts';
import { documentPath, documentPdf } from './documents.ts';
import { embedPage, posterUrl } from './embeds.ts';
import type { MediaLibrary } from './library.ts';
import { MIME_TYPES } from './library.ts';
import { InvalidFilterSpecError, extensionFor, originalFilename, parseRenditionFilename, planRendition } from './renditions.ts';

export interface MediaRouteContext {
  store: ContentStore;
  media: MediaLibrary;
  stats: CmsStats;
  origin: string;
}

export interface MediaResponse {
  status: number;
  body: Buffer | string;
  headers: Record<string, string>;
}

/** The answer to a media path (404 for unknown media); null when the path is not a media route. */
export async function serveMedia(ctx: MediaRouteContext, path: string): Promise<MediaResponse | null> {
  const { store, media, stats } = ctx;
  let match = /^\/media\/original_images\/([^/]+)$/.exec(path);
  if (match) {
    const file = decoded(match[1] as string);
    if (file === null) return miss(ctx, path);
    const dot = file.lastIndexOf('.');
    const image = store.imagesByBasename.get(file.slice(0, dot));
    if (!image || originalFilename(image) !== file) return miss(ctx, path);
    stats.media.originals++;
    const data = await media.original(image);
    return ok(data, MIME_TYPES[file.slice(dot + 1)] ?? 'application/octet-stream');
  }
  match = /^\/media\/images\/([^/]+)$/.exec(path);
  if (match) {
    const filename = decoded(match[1] as string);
    const parsed = filename === null ? null : parseRenditionFilename(filename);
    const image = parsed ? store.imagesByBasename.get(parsed.basename) : undefined;
    if (!parsed || !image) return miss(ctx, path);
    let plan;
    try {
      plan = planRendition(parsed.spec, image);
    } catch (error) {
      if (error instanceof InvalidFilterSpecError) return miss(ctx, path);
      throw error;
    }
    // Only the canonical name of a rendition exists (as files in Wagtail's media directory).
    if (extensionFor(plan.format) !== parsed.extension || plan.spec !== parsed.spec) return miss(ctx, path);
    stats.media.renditions++;
    let data: Buffer;
    try {
      data = await media.rendition(image, plan);
    } catch {
      return miss(ctx, path);
    }
    return ok(data, MIME_TYPES[parsed.extension] ?? 'application/octet-stream');
  }
  match = /^\/documents\/(\d+)\/([^/]+)$/.exec(path);
  if (match) {
    const doc = store.documents.get(Number(match[1]));
    if (!doc || documentPath(doc) !== path) return miss(ctx, path);
    stats.media.documents++;
    return ok(documentPdf(doc), 'application/pdf', { 'content-disposition': `inline; filename="${doc.basename}.pdf"` });
  }
  match = /^\/embeds\/(\d+)\/$/.exec(path);
  if (match) {
    const embed = store.embeds.get(Number(match[1]));
    if (!embed) return miss(ctx, path);
    stats.media.embeds++;
    return ok(embedPage(embed, posterUrl(ctx.origin, embed, store.images)), 'text/html; charset=utf-8');
  }
  return null;
}

/** A malformed escape (`%E0%A4%A`) names no file: a 404, not a 500. */
function decoded(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

function ok(body: Buffer | string, contentType: string, headers: Record<string, string> = {}): MediaResponse {
  return { status: 200, body, headers: { 'content-type': contentType, ...headers } };
}

function miss(ctx: MediaRouteContext, path: string): MediaResponse {
  ctx.stats.media.notFound++;
  return { status: 404, body: notFoundPage(path), headers: { 'content-type': 'text/html; charset=utf-8' } };
}

/**
 * Images, renditions and rich text expansion at query time.
 *
 * URLs of `ImageObjectType.url`, `rendition.url` and `srcSet` are ABSOLUTE on the CMS origin (grapple's
 * `get_media_item_url` prefixes WAGTAILADMIN_BASE_URL), while rich text keeps RELATIVE media URLs
 * (README items 7 and 8). Rendition sizes are computed here from the filter spec; the file itself is only
 * generated when it is first requested over HTTP.
 */
import { GraphQLError } from 'graphql';
import type { ImageRecord, PageRecord } from '../content/types.ts';
import { hash32 } from '../content/random.ts';
import { expandRichText } from '../content/richtext.ts';
import { documentPath } from '../media/documents.ts';
import { embedIdFromUrl, oembedHtml } from '../media/embeds.ts';
import type { RenditionPlan } from '../media/renditions.ts';
import { InvalidFilterSpecError, originalFilename, planRendition, renditionFilename } from '../media/renditions.ts';
import type { CmsContext } from './context.ts';

export interface RenditionObject {
  id: number;
  filterSpec: string;
  /** Storage name, `images/x.width-400.jpg`. */
  file: string;
  width: number;
  height: number;
  image: ImageRecord;
  plan: RenditionPlan;
}

/** The renditions "table": what `ImageObjectType.renditions` lists. */
const renditionRows = new WeakMap<ImageRecord, Map<string, RenditionObject>>();

export function renditionPath(rendition: RenditionObject): string {
  return `/media/${rendition.file}`;
}

/** `image.get_rendition(spec)`: an invalid spec or an undecodable original is a GraphQL error (field null). */
export function getRendition(image: ImageRecord, spec: string): RenditionObject {
  let rows = renditionRows.get(image);
  const existing = rows?.get(spec);
  if (existing) return existing;
  if (image.broken) {
    throw new GraphQLError(`cannot identify image file 'original_images/${originalFilename(image)}'`);
  }
  let plan: RenditionPlan;
  try {
    plan = planRendition(spec, image);
  } catch (error) {
    if (error instanceof InvalidFilterSpecError) throw new GraphQLError(error.message);
    throw error;
  }
  const rendition: RenditionObject = {
    id: (hash32(`${image.id}:${plan.spec}`) % 900_000_000) + 1,
    filterSpec: plan.spec,
    file: `images/${renditionFilename(image.basename, plan)}`,
    width: plan.width,
    height: plan.height,
    image,
    plan,
  };
  if (!rows) {
    rows = new Map();
    renditionRows.set(image, rows);
  }
  rows.set(spec, rendition);
  return rendition;
}

export function renditionsOf(image: ImageRecord): RenditionObject[] {
  return [...(renditionRows.get(image)?.values() ?? [])];
}

/** Expands stored rich text into front-end HTML with relative links (Wagtail's `expand_db_html`). */
export function renderRichText(ctx: CmsContext, source: string): string {
  const { store } = ctx;
  return expandRichText(source, {
    pageUrl(id) {
      const page = store.page(id);
      return page && page.live ? store.url(page) : null;
    },
    documentUrl(id) {
      const doc = store.documents.get(id);
      return doc ? documentPath(doc) : null;
    },
    imageRendition(id, spec) {
      const image = store.images.get(id);
      if (!image || image.broken) return null;
      const rendition = getRendition(image, spec);
      return { src: renditionPath(rendition), width: rendition.width, height: rendition.height };
    },
    embedHtml(url) {
      const id = embedIdFromUrl(url);
      const embed = id === null ? undefined : store.embeds.get(id);
      return embed ? oembedHtml(ctx.origin, embed) : null;
    },
  });
}

/** Rich text belonging to a page: resolving it is page content (accounting, broken pages). */
export function pageRichText(ctx: CmsContext, page: PageRecord | null, source: unknown): string | null {
  if (typeof source !== 'string') return null;
  if (page) ctx.pages.content(page);
  return renderRichText(ctx, source);
}

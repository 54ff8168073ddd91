/**
 * The typed entries the sync layer stores and the templates read: the one contract between the two.
 *
 * The loader turns grapple's wire format into these shapes (see `normalize.ts`) and validates every entry
 * against them before storing, so templates never see raw GraphQL and never guess a field's kind.
 */
import { z } from 'astro/zod';

/** An image, reduced to what rendering needs. `src` is an absolute URL of a size-bounded source. */
export const imageSchema = z.object({
  /** Wagtail image id. */
  id: z.string(),
  /** Absolute URL of the source to derive variants from: a rendition capped at the largest width emitted. */
  src: z.url(),
  /** Pixel size of `src` (not of the original upload), so width/height attributes are exact. */
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  /** Alt text: the image's description, else its title. Empty for decorative images. */
  alt: z.string(),
  /** The editor-facing title of the image. */
  title: z.string(),
});
export type Image = z.infer<typeof imageSchema>;

/** A reference to another page (a PageChooser field, a featured section, a parent). */
export const pageLinkSchema = z.object({
  id: z.string(),
  /** Site-relative URL, or null for pages that are not routable (the tree root). */
  url: z.string().nullable(),
  title: z.string(),
  contentType: z.string().optional(),
});
export type PageLink = z.infer<typeof pageLinkSchema>;

/**
 * One StreamField block, as grapple sends it: switch on `__typename` (never `blockType`). Typed fields of
 * custom blocks are kept under their own names; images inside blocks are already `Image`s and page
 * references `PageLink`s. Children live in `blocks` (struct/stream blocks) or `items` (list blocks).
 */
export interface Block {
  __typename: string;
  id?: string | null;
  blockType: string;
  /** The stream child name (`paragraph`, `heading`...); `""` for list items. */
  field: string;
  blocks?: Block[];
  items?: Block[];
  [field: string]: unknown;
}
export const blockSchema: z.ZodType<Block> = z.lazy(() =>
  z.looseObject({
    __typename: z.string(),
    id: z.string().nullish(),
    blockType: z.string(),
    field: z.string(),
    blocks: z.array(blockSchema).optional(),
    items: z.array(blockSchema).optional(),
  }),
);

/**
 * A type-specific page field, tagged with its kind (derived from the GraphQL schema, never guessed from
 * the value) so the generic template can render fields of page types it has never seen.
 */
export type Field =
  | { kind: 'text'; value: string | null }
  | { kind: 'richtext'; html: string | null }
  | { kind: 'number'; value: number | null }
  | { kind: 'boolean'; value: boolean | null }
  | { kind: 'datetime'; value: string | null }
  | { kind: 'image'; image: Image | null }
  | { kind: 'page'; page: PageLink | null }
  | { kind: 'stream'; blocks: Block[] }
  | { kind: 'object'; typename: string | null; fields: Record<string, Field> | null }
  | { kind: 'list'; items: Field[] }
  | { kind: 'json'; value: unknown };

export const fieldSchema: z.ZodType<Field> = z.lazy(() =>
  z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('text'), value: z.string().nullable() }),
    z.object({ kind: z.literal('richtext'), html: z.string().nullable() }),
    z.object({ kind: z.literal('number'), value: z.number().nullable() }),
    z.object({ kind: z.literal('boolean'), value: z.boolean().nullable() }),
    z.object({ kind: z.literal('datetime'), value: z.string().nullable() }),
    z.object({ kind: z.literal('image'), image: imageSchema.nullable() }),
    z.object({ kind: z.literal('page'), page: pageLinkSchema.nullable() }),
    z.object({ kind: z.literal('stream'), blocks: z.array(blockSchema) }),
    z.object({
      kind: z.literal('object'),
      typename: z.string().nullable(),
      fields: z.record(z.string(), fieldSchema).nullable(),
    }),
    z.object({ kind: z.literal('list'), items: z.array(fieldSchema) }),
    z.object({ kind: z.literal('json'), value: z.unknown() }),
  ]),
);

/** A live Wagtail page: the entry of the `pages` collection, keyed by the Wagtail page id. */
export const pageSchema = z.object({
  /** Wagtail page id (as a string, like grapple's `ID`). */
  id: z.string(),
  /** The GraphQL type name (`BlogPage`); the key of the page-type fragment that fetched it. */
  typename: z.string(),
  /** Wagtail's `app_label.ModelName` (`blog.BlogPage`); templates are registered under it. */
  contentType: z.string(),
  /** Public, site-relative URL (`/blog/wild-yeast/`, `/` for the home page). Routes are built from it. */
  url: z.string().startsWith('/'),
  title: z.string(),
  slug: z.string(),
  /** grapple falls back to the title, so this is never empty. */
  seoTitle: z.string(),
  /** Meta description; may be empty. */
  searchDescription: z.string(),
  showInMenus: z.boolean(),
  /** Tree depth (the Root is 1, a site's home page 2). */
  depth: z.number().int(),
  /** Wagtail's materialized tree path when the schema exposes it: sorting by it gives tree order. */
  treePath: z.string().nullable(),
  /** Id of the parent page, or null when the parent is the tree Root or not known. */
  parentId: z.string().nullable(),
  firstPublishedAt: z.string().nullable(),
  lastPublishedAt: z.string().nullable(),
  /** Every type-specific field the schema declares for this page type, by GraphQL field name. */
  fields: z.record(z.string(), fieldSchema),
});
export type Page = z.infer<typeof pageSchema>;

/** The Wagtail Site the build renders (the default site unless `CMS_SITE_HOSTNAME` picks another). */
export const siteSchema = z.object({
  siteName: z.string(),
  hostname: z.string(),
  port: z.number().int(),
  /** Id of the site's root (home) page. */
  rootPageId: z.string().nullable(),
  /** Origin of the CMS, for resolving the relative `/media/` and `/documents/` URLs of rich text. */
  cmsOrigin: z.url(),
});
export type Site = z.infer<typeof siteSchema>;

/** A Wagtail redirect, ready to become a `_redirects` line. */
export const redirectSchema = z.object({
  /** Site-relative path that redirects (`/old-path`, as Wagtail stores it, without trailing slash). */
  from: z.string().startsWith('/'),
  /** Site-relative page URL or an absolute external URL. */
  to: z.string().min(1),
  /** 301 when permanent, 302 otherwise. */
  status: z.union([z.literal(301), z.literal(302)]),
});
export type Redirect = z.infer<typeof redirectSchema>;

/**
 * Records held by the content store, shaped like the Wagtail/Django rows they stand for. Values are kept
 * in their stored form (ids for foreign keys, Wagtail's internal rich text format, StreamField JSON) and
 * only turned into what grapple serves at query time, as Wagtail does.
 */
import type { SiteModel } from '../site/model.ts';
import type { SceneSpec } from '../media/scenes.ts';

/** One StreamField child as Wagtail stores it (`[{"type": "paragraph", "value": ..., "id": "..."}]`). */
export interface StreamChild {
  type: string;
  value: unknown;
  id: string;
}
export type StreamData = StreamChild[];

export interface PageRecord {
  id: number;
  /** GraphQL type name of the specific page model (`Page` for the tree root). */
  type: string;
  parentId: number | null;
  /** Wagtail's materialised tree path (`0001`, `00010001`, ...): sorting by it gives tree order. */
  path: string;
  /** The Root is 1, a site's home page 2. */
  depth: number;
  title: string;
  draftTitle: string;
  slug: string;
  /** Stored value; grapple falls back to the title when it is empty. */
  seoTitle: string;
  searchDescription: string;
  showInMenus: boolean;
  live: boolean;
  hasUnpublishedChanges: boolean;
  firstPublishedAt: string | null;
  lastPublishedAt: string | null;
  latestRevisionCreatedAt: string | null;
  translationKey: string;
  locked: boolean;
  /** Type-specific fields by GraphQL field name, in stored form. */
  fields: Record<string, unknown>;
  /** Derived by the store from the ancestors' slugs: `/home/huts/kestrel-saddle/`. */
  urlPath: string;
}

/**
 * The editable content of one revision of a page: what Wagtail's edit form holds and a `PageRevision`
 * stores. A live page's published content is its record; a newer revision is its draft.
 */
export interface PageRevision {
  title: string;
  slug: string;
  seoTitle: string;
  searchDescription: string;
  showInMenus: boolean;
  /** Type-specific fields by GraphQL field name, in stored form. */
  fields: Record<string, unknown>;
  /** When the revision was saved (grapple's DateTime format); null for content loaded without history. */
  createdAt: string | null;
}

export const PAGE_EVENTS = ['page_published', 'page_unpublished', 'page_deleted', 'page_moved'] as const;
export type PageEventName = (typeof PAGE_EVENTS)[number];

/**
 * A page change as the Wagtail-side webhook module (integrations/wagtail/) reports it, from Wagtail's
 * signals: every publish; every unpublish of a live page (`page_unpublished`, descendants included);
 * every deleted page, descendants and drafts included (Django's `pre_delete` per Page row); every move
 * (`post_page_move`, a reorder included).
 */
export interface PageEvent {
  event: PageEventName;
  page: {
    id: number;
    /** Site-relative URL (`/journal/first-snow/`); for a deleted page the URL it had; null outside every site. */
    url: string | null;
    title: string;
    /** `app_label.ModelName`, e.g. `journal.ArticlePage`. */
    contentType: string;
  };
  /** `page_moved` only: the URL before the move. */
  oldUrl?: string | null;
}

/** What the content generators hand to the store; the store derives tree fields. */
export interface PageInput {
  id?: number;
  type: string;
  parentId: number | null;
  title: string;
  slug?: string;
  seoTitle?: string;
  searchDescription?: string;
  showInMenus?: boolean;
  live?: boolean;
  draftTitle?: string;
  hasUnpublishedChanges?: boolean;
  firstPublishedAt?: string | null;
  lastPublishedAt?: string | null;
  translationKey?: string;
  fields?: Record<string, unknown>;
}

export interface FocalPoint {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface ImageRecord {
  id: number;
  title: string;
  /** Alt text (Wagtail 6.3+ `description`); may be empty. */
  description: string;
  /** File name without extension, unique: `kestrel-saddle-dawn`. */
  basename: string;
  format: 'jpeg' | 'png';
  width: number;
  height: number;
  createdAt: string;
  collectionId: number;
  tagIds: number[];
  focalPoint: FocalPoint | null;
  /** What the media library draws for this image. Several images may share one scene. */
  scene: SceneSpec;
  /** An original that cannot be decoded: renditions fail like Wagtail's with an undecodable upload. */
  broken?: boolean;
}

export interface DocumentRecord {
  id: number;
  title: string;
  /** File name without extension: served as `/documents/<id>/<basename>.pdf`. */
  basename: string;
  createdAt: string;
  collectionId: number;
  tagIds: number[];
  /** Text lines of the generated PDF. */
  lines: string[];
}

export interface SnippetRecord {
  id: number;
  /** GraphQL type name (`Person`). */
  type: string;
  fields: Record<string, unknown>;
}

/** A plain inline object (an orderable row), fields in stored form. */
export type ObjectRecord = Record<string, unknown> & { id: number };

export interface TagRecord {
  id: number;
  name: string;
  slug: string;
}

export interface CollectionRecord {
  id: number;
  name: string;
  path: string;
  depth: number;
}

export interface SettingRecord {
  type: string;
  /** Site settings belong to one site; generic settings to none. */
  siteId: number | null;
  fields: Record<string, unknown>;
}

export interface RedirectRecord {
  id: number;
  /** As Wagtail normalises it: leading slash, no trailing slash, lower case. */
  oldPath: string;
  isPermanent: boolean;
  redirectPageId: number | null;
  redirectLink: string | null;
  /** null = applies to every site (grapple then lists it once per site). */
  siteId: number | null;
}

export interface SiteRecord {
  id: number;
  hostname: string;
  port: number;
  siteName: string;
  rootPageId: number;
  isDefaultSite: boolean;
}

/** A video the embeds provider serves at `/embeds/<id>/`, so embeds work with no internet. */
export interface EmbedRecord {
  id: number;
  title: string;
  author: string;
  /** Image whose original is the poster frame (also the oEmbed thumbnail). */
  posterImageId: number | null;
  width: number;
  height: number;
}

/** Everything a content generator produces: the rows of one Wagtail site. */
export interface SiteContent {
  model: SiteModel;
  pages: PageInput[];
  images: ImageRecord[];
  documents: DocumentRecord[];
  snippets: SnippetRecord[];
  tags: TagRecord[];
  collections: CollectionRecord[];
  settings: SettingRecord[];
  redirects: RedirectRecord[];
  sites: SiteRecord[];
  embeds: EmbedRecord[];
  /** Names the content version: generated media are cached on disk under it. */
  version: string;
}

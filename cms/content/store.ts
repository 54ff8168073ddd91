/**
 * The content store: the Wagtail database of the demo CMS.
 *
 * It keeps the page tree the way Wagtail's treebeard does (materialised `path`, `depth`, `url_path`) and
 * indexes it so that every lookup a client makes is O(1) or O(limit), even with 10,000+ pages: pages by id,
 * by `url_path`, by slug, by path suffix (grapple's `url_path__endswith`), children lists, and the live
 * pages in tree order (the default order of `pages`). Derived indexes are rebuilt lazily after a mutation,
 * so a listing cached on the `livePages()` array (as sorted listings are) is dropped with it.
 *
 * Revisions work like Wagtail's: a page record holds the published content (or, for a page never
 * published, the content it was created with); `saveDraft` keeps a newer revision beside it, which
 * `publishPage` makes live and a preview token (`previewLink`) snapshots for `page(token:)`.
 */
import type {
  CollectionRecord,
  DocumentRecord,
  EmbedRecord,
  ImageRecord,
  PageEvent,
  PageEventName,
  PageInput,
  PageRecord,
  PageRevision,
  RedirectRecord,
  SettingRecord,
  SiteContent,
  SiteRecord,
  SnippetRecord,
  TagRecord,
} from './types.ts';
import type { SiteModel } from '../site/model.ts';
import { findPageType, pageContentType } from '../site/model.ts';
import type { PreviewLink, PreviewOptions } from './previews.ts';
import { PreviewTokens } from './previews.ts';
import { plainText } from './richtext.ts';
import { isoTimestamp, slugify } from './text.ts';

/** A refused content change; `status` is the HTTP status the admin API answers with. */
export class ContentError extends Error {
  readonly status: 400 | 404 | 409;
  constructor(message: string, status: 400 | 404 | 409 = 400) {
    super(message);
    this.name = 'ContentError';
    this.status = status;
  }
}

const PATH_ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const STEP = 4;

function pathStep(n: number): string {
  let out = '';
  let rest = n;
  do {
    out = PATH_ALPHABET[rest % 36] + out;
    rest = Math.floor(rest / 36);
  } while (rest > 0);
  return out.padStart(STEP, '0');
}

interface Derived {
  tree: PageRecord[];
  treeIndex: Map<number, number>;
  live: PageRecord[];
  byUrlPath: Map<string, PageRecord>;
  bySlug: Map<string, PageRecord[]>;
  suffixes: Map<string, PageRecord> | null;
}

/** Fields a content change may set besides type-specific `fields`. */
export interface PagePatch {
  title?: string;
  slug?: string;
  seoTitle?: string;
  searchDescription?: string;
  showInMenus?: boolean;
  fields?: Record<string, unknown>;
}

export interface NewPage extends PagePatch {
  parentId: number;
  /** GraphQL type name or `app.Model`. */
  type: string;
  title: string;
  /** Defaults to true: the page is published at once. */
  live?: boolean;
}

export interface StoreOptions {
  preview?: PreviewOptions;
}

export class ContentStore {
  readonly model: SiteModel;
  readonly version: string;
  /** wagtail-headless-preview's signer and `PagePreview` rows. */
  readonly previews: PreviewTokens;
  readonly images = new Map<number, ImageRecord>();
  readonly imagesByBasename = new Map<string, ImageRecord>();
  readonly documents = new Map<number, DocumentRecord>();
  readonly snippets = new Map<number, SnippetRecord>();
  readonly tags = new Map<number, TagRecord>();
  readonly collections = new Map<number, CollectionRecord>();
  readonly embeds = new Map<number, EmbedRecord>();
  readonly settings: SettingRecord[];
  readonly redirects: RedirectRecord[];
  readonly sites: SiteRecord[];

  #pages = new Map<number, PageRecord>();
  #children = new Map<number, number[]>();
  #lastChildStep = new Map<number, number>();
  #nextId = 1;
  /** Bumped on every content change: the search text cache compares it. */
  #mutations = 0;
  #derived: Derived | null = null;
  #searchText = new WeakMap<PageRecord, { version: number; text: string }>();
  #lastTimestamp = '';
  /** Revisions newer than the page record (Wagtail's latest_revision when it is not the live one). */
  #drafts = new Map<number, PageRevision>();
  #listeners = new Set<(event: PageEvent) => void>();

  constructor(content: SiteContent, options: StoreOptions = {}) {
    this.model = content.model;
    this.version = content.version;
    this.previews = new PreviewTokens(options.preview);
    for (const image of content.images) {
      this.images.set(image.id, image);
      this.imagesByBasename.set(image.basename, image);
    }
    for (const doc of content.documents) this.documents.set(doc.id, doc);
    for (const snippet of content.snippets) this.snippets.set(snippet.id, snippet);
    for (const tag of content.tags) this.tags.set(tag.id, tag);
    for (const collection of content.collections) this.collections.set(collection.id, collection);
    for (const embed of content.embeds) this.embeds.set(embed.id, embed);
    this.settings = content.settings;
    this.redirects = content.redirects;
    this.sites = content.sites;
    for (const input of content.pages) this.#insert(input);
  }

  get pageCount(): number {
    return this.#pages.size;
  }

  page(id: number): PageRecord | undefined {
    return this.#pages.get(id);
  }

  /** Every page (drafts included) in tree order. */
  tree(): readonly PageRecord[] {
    return this.#ensure().tree;
  }

  /** Live pages below the tree Root, in tree order: the base of grapple's `pages` field. */
  livePages(): readonly PageRecord[] {
    return this.#ensure().live;
  }

  childrenOf(id: number): PageRecord[] {
    return (this.#children.get(id) ?? []).map((child) => this.#pages.get(child)).filter((p) => p !== undefined);
  }

  numchild(id: number): number {
    return this.#children.get(id)?.length ?? 0;
  }

  /** Descendants in tree order: a contiguous run of the tree after the page. */
  descendantsOf(id: number): PageRecord[] {
    const derived = this.#ensure();
    const start = derived.treeIndex.get(id);
    const page = this.#pages.get(id);
    if (start === undefined || !page) return [];
    const out: PageRecord[] = [];
    for (let i = start + 1; i < derived.tree.length; i++) {
      const candidate = derived.tree[i] as PageRecord;
      if (!candidate.path.startsWith(page.path)) break;
      out.push(candidate);
    }
    return out;
  }

  /** Ancestors from the Root down, like Wagtail's `get_ancestors()`. */
  ancestorsOf(id: number): PageRecord[] {
    const out: PageRecord[] = [];
    let current = this.#pages.get(id);
    while (current && current.parentId !== null) {
      const parent = this.#pages.get(current.parentId);
      if (!parent) break;
      out.unshift(parent);
      current = parent;
    }
    return out;
  }

  parentOf(id: number): PageRecord | undefined {
    const parentId = this.#pages.get(id)?.parentId;
    return parentId === null || parentId === undefined ? undefined : this.#pages.get(parentId);
  }

  /** Exact `url_path` match (any live state). */
  byUrlPath(urlPath: string): PageRecord | undefined {
    return this.#ensure().byUrlPath.get(urlPath);
  }

  /** Live pages (below the Root) with this slug. */
  bySlug(slug: string): readonly PageRecord[] {
    return this.#ensure().bySlug.get(slug) ?? [];
  }

  /**
   * The first live page in tree order whose `url_path` ends with `suffix` (grapple's lookup without
   * `inSite`). Suffixes starting at a `/` are indexed; anything else falls back to a scan.
   */
  firstEndingWith(suffix: string): PageRecord | undefined {
    const derived = this.#ensure();
    // Every url_path ends with "/": the first live page in tree order (the first site's home page).
    if (suffix === '/') return derived.live[0];
    if (suffix.startsWith('/')) {
      if (!derived.suffixes) {
        const index = new Map<string, PageRecord>();
        for (const page of derived.live) {
          for (let i = page.urlPath.indexOf('/'); i >= 0 && i < page.urlPath.length - 1; i = page.urlPath.indexOf('/', i + 1)) {
            const key = page.urlPath.slice(i);
            if (!index.has(key)) index.set(key, page);
          }
        }
        derived.suffixes = index;
      }
      return derived.suffixes.get(suffix);
    }
    return derived.live.find((page) => page.urlPath.endsWith(suffix));
  }

  defaultSite(): SiteRecord | undefined {
    return this.sites.find((site) => site.isDefaultSite) ?? this.sites[0];
  }

  /** The site whose root page is this page or one of its ancestors. */
  siteOf(page: PageRecord): SiteRecord | undefined {
    for (const site of this.sites) {
      const root = this.#pages.get(site.rootPageId);
      if (root && page.path.startsWith(root.path)) return site;
    }
    return undefined;
  }

  inSite(page: PageRecord, site: SiteRecord): boolean {
    const root = this.#pages.get(site.rootPageId);
    return root !== undefined && page.path.startsWith(root.path);
  }

  /** Wagtail's relative `page.url`: `/` for a site's home page, null outside every site (the Root). */
  url(page: PageRecord): string | null {
    const site = this.siteOf(page);
    if (!site) return null;
    const root = this.#pages.get(site.rootPageId);
    if (!root) return null;
    return '/' + page.urlPath.slice(root.urlPath.length);
  }

  /** Lower-cased text the simple search matches against (title first, weighted by the caller). */
  searchText(page: PageRecord): string {
    const cached = this.#searchText.get(page);
    if (cached && cached.version === this.#mutations) return cached.text;
    const def = findPageType(this.model, page.type);
    const parts = [page.title, page.seoTitle, page.searchDescription];
    for (const field of def?.fields ?? []) {
      const value = page.fields[field.name];
      if (field.kind === 'stream' || field.kind === 'richtext' || field.searchable) parts.push(collectText(value));
    }
    const text = parts.join(' ').toLowerCase();
    this.#searchText.set(page, { version: this.#mutations, text });
    return text;
  }

  /**
   * The latest revision of a page: its draft when it has one, else the record's content with the draft
   * title (a demo page may carry only a `draftTitle` as its pending change).
   */
  latestRevision(id: number): PageRevision {
    const draft = this.#drafts.get(id);
    if (draft) return draft;
    const page = this.#requirePage(id);
    return {
      title: page.draftTitle,
      slug: page.slug,
      seoTitle: page.seoTitle,
      searchDescription: page.searchDescription,
      showInMenus: page.showInMenus,
      fields: page.fields,
      createdAt: page.latestRevisionCreatedAt,
    };
  }

  /** The page as its latest revision shows it: the object `page(token:)` serves. */
  revisionPage(id: number): PageRecord {
    const page = this.#requirePage(id);
    const revision = this.latestRevision(id);
    const parent = this.parentOf(id);
    return {
      ...page,
      title: revision.title,
      draftTitle: revision.title,
      slug: revision.slug,
      seoTitle: revision.seoTitle,
      searchDescription: revision.searchDescription,
      showInMenus: revision.showInMenus,
      // A copy: a later publish replaces the record's fields, and the preview must keep showing these.
      fields: { ...revision.fields },
      urlPath: parent ? `${parent.urlPath}${revision.slug}/` : page.urlPath,
      latestRevisionCreatedAt: revision.createdAt,
    };
  }

  /**
   * Issues a wagtail-headless-preview token for the page's latest revision (a draft, a page never
   * published, or the live content when there is nothing newer), like the editor's Preview button.
   */
  previewLink(id: number, options: { ttlSeconds?: number } = {}): PreviewLink {
    const page = this.#requirePage(id);
    if (page.depth < 2) throw new ContentError('The tree Root cannot be previewed.');
    if (options.ttlSeconds !== undefined && !(options.ttlSeconds > 0 && Number.isFinite(options.ttlSeconds))) {
      throw new ContentError(`ttlSeconds must be a positive number of seconds, got ${options.ttlSeconds}.`);
    }
    const token = this.previews.sign(`id=${page.id}`);
    const expires = this.previews.save(token, this.revisionPage(id), options.ttlSeconds);
    // wagtail-headless-preview's get_content_type_str(): app_label + "." + the class name in lower case.
    const contentType = pageContentType(this.model, page.type).toLowerCase();
    return { token, url: this.previews.url(contentType, token), contentType, expiresAt: new Date(expires).toISOString() };
  }

  /** `previewLink(id).token`. */
  previewToken(id: number, options: { ttlSeconds?: number } = {}): string {
    return this.previewLink(id, options).token;
  }

  /** Calls the listener after each change the Wagtail webhook module reports (see `PageEvent`); returns an unsubscribe. */
  onPageEvent(listener: (event: PageEvent) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  snippetsOf(type: string): SnippetRecord[] {
    return [...this.snippets.values()].filter((s) => s.type === type);
  }

  /** A monotonically increasing "now" in grapple's DateTime format (microseconds, `+00:00`). */
  now(): string {
    let stamp = isoTimestamp(new Date());
    if (stamp <= this.#lastTimestamp) {
      stamp = isoTimestamp(new Date(Date.parse(this.#lastTimestamp) + 1));
    }
    this.#lastTimestamp = stamp;
    return stamp;
  }

  // ---- mutations (the content API) -------------------------------------------------------------

  addPage(input: NewPage): PageRecord {
    const parent = this.#pages.get(input.parentId);
    if (!parent) throw new ContentError(`Parent page ${input.parentId} does not exist.`, 404);
    const def = findPageType(this.model, input.type);
    if (!def) {
      throw new ContentError(
        `Unknown page type "${input.type}". Known types: ${this.model.pageTypes.map((t) => t.name).join(', ')}.`,
      );
    }
    if (typeof input.title !== 'string' || input.title.trim() === '') throw new ContentError('A page needs a title.');
    this.#checkFields(def.name, input.fields);
    const slug = input.slug ?? slugify(input.title);
    this.#checkSlug(parent.id, slug, null);
    const live = input.live ?? true;
    const stamp = this.now();
    const page = this.#insert({
      type: def.name,
      parentId: parent.id,
      title: input.title,
      slug,
      seoTitle: input.seoTitle ?? '',
      searchDescription: input.searchDescription ?? '',
      showInMenus: input.showInMenus ?? false,
      live,
      firstPublishedAt: live ? stamp : null,
      lastPublishedAt: live ? stamp : null,
      fields: input.fields ?? {},
    });
    page.latestRevisionCreatedAt = stamp;
    this.#touch();
    if (live) this.#emit([this.#event('page_published', page)]);
    return page;
  }

  /**
   * Saves and publishes a change, like "Publish" in the admin's edit view: the patch applies over the
   * latest revision (a pending draft is published with it) and `lastPublishedAt` moves on.
   */
  updatePage(id: number, patch: PagePatch): PageRecord {
    const page = this.#requirePage(id);
    return this.#publish(page, this.#revise(page, patch));
  }

  /**
   * Saves a draft revision ("Save draft"): the live content stays as it is, `draftTitle` and
   * `hasUnpublishedChanges` show the pending change, `page(token:)` of a new preview token shows it and
   * `publishPage` makes it live. Repeated drafts build on each other.
   */
  saveDraft(id: number, patch: PagePatch): PageRecord {
    const page = this.#requirePage(id);
    const revision = this.#revise(page, patch);
    this.#drafts.set(id, revision);
    page.draftTitle = revision.title;
    page.hasUnpublishedChanges = true;
    page.latestRevisionCreatedAt = revision.createdAt;
    this.#touch();
    return page;
  }

  /** Unpublishes a page and, by default, its descendants (so no live page hangs under a dead URL). */
  unpublishPage(id: number, options: { includeDescendants?: boolean } = {}): PageRecord[] {
    const page = this.#requirePage(id);
    if (page.depth < 2) throw new ContentError('The tree Root cannot be unpublished.');
    const affected = [page, ...(options.includeDescendants === false ? [] : this.descendantsOf(id))];
    const events = affected.filter((p) => p.live).map((p) => this.#event('page_unpublished', p));
    for (const p of affected) {
      p.live = false;
      p.hasUnpublishedChanges = true;
    }
    this.#touch();
    this.#emit(events);
    return affected;
  }

  /** Publishes the latest revision: a saved draft, a page never published, or an unpublished page. */
  publishPage(id: number): PageRecord {
    const page = this.#requirePage(id);
    return this.#publish(page, this.latestRevision(id));
  }

  /** Deletes a page and its descendants; returns the deleted ids. */
  deletePage(id: number): number[] {
    const page = this.#requirePage(id);
    if (page.depth < 2) throw new ContentError('The tree Root cannot be deleted.');
    if (this.sites.some((site) => site.rootPageId === id)) {
      throw new ContentError(`Page ${id} is the root page of a site and cannot be deleted.`, 409);
    }
    const removed = [page, ...this.descendantsOf(id)];
    // Every deleted page, live or not (Django's pre_delete for each Page row), with the URL it had.
    const events = removed.map((p) => this.#event('page_deleted', p));
    for (const p of removed) {
      this.#pages.delete(p.id);
      this.#children.delete(p.id);
      this.#drafts.delete(p.id);
    }
    if (page.parentId !== null) {
      const siblings = this.#children.get(page.parentId);
      if (siblings) siblings.splice(siblings.indexOf(page.id), 1);
    }
    for (const redirect of this.redirects) {
      if (redirect.redirectPageId !== null && !this.#pages.has(redirect.redirectPageId)) redirect.redirectPageId = null;
    }
    this.#touch();
    this.#emit(events);
    return removed.map((p) => p.id);
  }

  /**
   * Moves a page (with its subtree) to the end of a parent's children, like the admin's Move (to its own
   * parent: a reorder): its URL and its descendants' URLs change; content and publication dates do not.
   */
  movePage(id: number, parentId: number): PageRecord {
    const page = this.#requirePage(id);
    if (page.depth < 2 || page.parentId === null) throw new ContentError('The tree Root cannot be moved.');
    if (this.sites.some((site) => site.rootPageId === id)) {
      throw new ContentError(`Page ${id} is the root page of a site and cannot be moved.`, 409);
    }
    const parent = this.#pages.get(parentId);
    if (!parent) throw new ContentError(`Parent page ${parentId} does not exist.`, 404);
    if (parent.path.startsWith(page.path)) {
      throw new ContentError(`Page ${id} cannot be moved below itself (page ${parentId} is ${parentId === id ? 'the page' : 'one of its descendants'}).`);
    }
    this.#checkSlug(parent.id, page.slug, page.id);

    const oldUrl = this.url(page);
    const subtree = [page, ...this.descendantsOf(id)];
    const siblings = this.#children.get(page.parentId);
    if (siblings) siblings.splice(siblings.indexOf(page.id), 1);
    this.#children.set(parent.id, [...(this.#children.get(parent.id) ?? []), page.id]);
    const step = (this.#lastChildStep.get(parent.id) ?? 0) + 1;
    this.#lastChildStep.set(parent.id, step);
    const oldPath = page.path;
    const newPath = parent.path + pathStep(step);
    const depthShift = parent.depth + 1 - page.depth;
    for (const p of subtree) {
      p.path = newPath + p.path.slice(oldPath.length);
      p.depth += depthShift;
    }
    page.parentId = parent.id;
    this.#recomputeUrlPaths(page);
    this.#touch();
    // post_page_move fires for any page, a reorder included (oldUrl equals url then).
    this.#emit([{ ...this.#event('page_moved', page), oldUrl }]);
    return page;
  }

  // ---- internals -------------------------------------------------------------------------------

  /** The latest revision with a patch applied, every check made: a refused patch changes nothing. */
  #revise(page: PageRecord, patch: PagePatch): PageRevision {
    if (page.depth < 2 || page.parentId === null) throw new ContentError('The tree Root cannot be edited.');
    if (patch.fields) this.#checkFields(page.type, patch.fields);
    if (patch.title !== undefined && (typeof patch.title !== 'string' || patch.title.trim() === '')) {
      throw new ContentError('A page needs a title.');
    }
    const base = this.latestRevision(page.id);
    if (patch.slug !== undefined && patch.slug !== page.slug) this.#checkSlug(page.parentId, patch.slug, page.id);
    return {
      title: patch.title ?? base.title,
      slug: patch.slug ?? base.slug,
      seoTitle: patch.seoTitle ?? base.seoTitle,
      searchDescription: patch.searchDescription ?? base.searchDescription,
      showInMenus: patch.showInMenus ?? base.showInMenus,
      fields: patch.fields ? { ...base.fields, ...patch.fields } : base.fields,
      createdAt: this.now(),
    };
  }

  /** Makes a revision the live content. */
  #publish(page: PageRecord, revision: PageRevision): PageRecord {
    if (page.depth < 2 || page.parentId === null) throw new ContentError('The tree Root cannot be published.');
    const newSlug = revision.slug !== page.slug ? revision.slug : undefined;
    // Checked again: a sibling may have taken the slug since the draft was saved.
    if (newSlug !== undefined) this.#checkSlug(page.parentId, newSlug, page.id);
    page.title = revision.title;
    page.draftTitle = revision.title;
    page.seoTitle = revision.seoTitle;
    page.searchDescription = revision.searchDescription;
    page.showInMenus = revision.showInMenus;
    page.fields = revision.fields;
    if (newSlug !== undefined) {
      page.slug = newSlug;
      this.#recomputeUrlPaths(page);
    }
    const stamp = this.now();
    page.live = true;
    page.hasUnpublishedChanges = false;
    page.firstPublishedAt ??= stamp;
    page.lastPublishedAt = stamp;
    page.latestRevisionCreatedAt = stamp;
    this.#drafts.delete(page.id);
    this.#touch();
    this.#emit([this.#event('page_published', page)]);
    return page;
  }

  #event(event: PageEventName, page: PageRecord): PageEvent {
    return {
      event,
      page: { id: page.id, url: this.url(page), title: page.title, contentType: pageContentType(this.model, page.type) },
    };
  }

  /** Listeners never break a content change: the change is made whatever they do. */
  #emit(events: PageEvent[]): void {
    for (const event of events) {
      for (const listener of this.#listeners) {
        try {
          listener(event);
        } catch {
          // A listener's failure is its own (the webhook sender records its failures itself).
        }
      }
    }
  }

  #requirePage(id: number): PageRecord {
    const page = this.#pages.get(id);
    if (!page) throw new ContentError(`Page ${id} does not exist.`, 404);
    return page;
  }

  #checkSlug(parentId: number, slug: string, selfId: number | null): void {
    if (typeof slug !== 'string' || !/^[\p{L}\p{N}_-]+$/u.test(slug)) {
      throw new ContentError(`"${String(slug)}" is not a valid slug: use letters, numbers, underscores or hyphens.`);
    }
    const clash = this.childrenOf(parentId).find((p) => p.slug === slug && p.id !== selfId);
    if (clash) throw new ContentError(`The slug "${slug}" is already in use within the parent page (page ${clash.id}).`, 409);
  }

  #checkFields(type: string, fields: Record<string, unknown> | undefined): void {
    if (fields === undefined) return;
    if (typeof fields !== 'object' || fields === null || Array.isArray(fields)) {
      throw new ContentError('"fields" must be an object of field values.');
    }
    const def = findPageType(this.model, type);
    const known = new Set(def?.fields.map((f) => f.name));
    const unknown = Object.keys(fields).filter((name) => !known.has(name));
    if (unknown.length > 0) {
      throw new ContentError(
        `${type} has no field ${unknown.map((n) => `"${n}"`).join(', ')}. Its fields are: ${[...known].join(', ')}.`,
      );
    }
  }

  #insert(input: PageInput): PageRecord {
    const id = input.id ?? this.#nextId;
    if (this.#pages.has(id)) throw new Error(`Duplicate page id ${id}.`);
    this.#nextId = Math.max(this.#nextId, id + 1);
    const parent = input.parentId === null ? undefined : this.#pages.get(input.parentId);
    if (input.parentId !== null && !parent) throw new Error(`Page ${id}: parent ${input.parentId} is not defined before it.`);
    const parentKey = parent?.id ?? 0;
    const step = (this.#lastChildStep.get(parentKey) ?? 0) + 1;
    this.#lastChildStep.set(parentKey, step);
    const slug = input.slug ?? slugify(input.title);
    const live = input.live ?? true;
    const page: PageRecord = {
      id,
      type: input.type,
      parentId: parent?.id ?? null,
      path: (parent?.path ?? '') + pathStep(step),
      depth: (parent?.depth ?? 0) + 1,
      title: input.title,
      draftTitle: input.draftTitle ?? input.title,
      slug,
      seoTitle: input.seoTitle ?? '',
      searchDescription: input.searchDescription ?? '',
      showInMenus: input.showInMenus ?? false,
      live,
      hasUnpublishedChanges: input.hasUnpublishedChanges ?? !live,
      firstPublishedAt: input.firstPublishedAt ?? null,
      lastPublishedAt: input.lastPublishedAt ?? null,
      latestRevisionCreatedAt: input.lastPublishedAt ?? input.firstPublishedAt ?? null,
      translationKey: input.translationKey ?? '00000000-0000-4000-8000-' + id.toString(16).padStart(12, '0'),
      locked: false,
      fields: input.fields ?? {},
      urlPath: parent ? `${parent.urlPath}${slug}/` : '/',
    };
    this.#pages.set(id, page);
    if (parent) {
      const siblings = this.#children.get(parent.id) ?? [];
      siblings.push(id);
      this.#children.set(parent.id, siblings);
    }
    this.#derived = null;
    return page;
  }

  #recomputeUrlPaths(page: PageRecord): void {
    const parent = this.parentOf(page.id);
    page.urlPath = parent ? `${parent.urlPath}${page.slug}/` : '/';
    for (const child of this.childrenOf(page.id)) this.#recomputeUrlPaths(child);
  }

  #touch(): void {
    this.#mutations++;
    this.#derived = null;
  }

  #ensure(): Derived {
    if (this.#derived) return this.#derived;
    const tree: PageRecord[] = [];
    const visit = (id: number): void => {
      const page = this.#pages.get(id);
      if (!page) return;
      tree.push(page);
      for (const child of this.#children.get(id) ?? []) visit(child);
    };
    for (const page of this.#pages.values()) if (page.parentId === null) visit(page.id);
    const treeIndex = new Map<number, number>();
    const byUrlPath = new Map<string, PageRecord>();
    const bySlug = new Map<string, PageRecord[]>();
    const live: PageRecord[] = [];
    tree.forEach((page, i) => {
      treeIndex.set(page.id, i);
      byUrlPath.set(page.urlPath, page);
      if (page.live && page.depth > 1) {
        live.push(page);
        const list = bySlug.get(page.slug);
        if (list) list.push(page);
        else bySlug.set(page.slug, [page]);
      }
    });
    this.#derived = { tree, treeIndex, live, byUrlPath, bySlug, suffixes: null };
    return this.#derived;
  }
}

/** Every string inside a stored value (StreamField JSON, rich text), tags stripped. */
function collectText(value: unknown): string {
  if (typeof value === 'string') return plainText(value);
  if (Array.isArray(value)) return value.map(collectText).join(' ');
  if (value && typeof value === 'object') return Object.values(value).map(collectText).join(' ');
  return '';
}

/** The content mutation API a CMS handle exposes (what editors do in the Wagtail admin). */
export type ContentApi = Pick<
  ContentStore,
  | 'page'
  | 'addPage'
  | 'updatePage'
  | 'saveDraft'
  | 'latestRevision'
  | 'publishPage'
  | 'unpublishPage'
  | 'deletePage'
  | 'movePage'
  | 'previewLink'
  | 'previewToken'
  | 'url'
>;

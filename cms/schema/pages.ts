/**
 * Page lookups and listings with grapple's semantics (`get_specific_page`, `PagesQuery.resolve_pages`,
 * `get_site_filter`), README items 1, 3, 4 and 5.
 */
import { GraphQLError } from 'graphql';
import { BadSignature } from '../content/previews.ts';
import type { ContentStore } from '../content/store.ts';
import type { PageRecord, SiteRecord } from '../content/types.ts';
import { findPageType, pageContentType } from '../site/model.ts';
import type { CmsContext } from './context.ts';
import type { ListArgs, ModelSpec } from './queryset.ts';
import { parseId, resolveQueryset } from './queryset.ts';

const pageSpecs = new WeakMap<ContentStore, ModelSpec<PageRecord>>();

/** How `Page` querysets filter and order (Django field names of wagtailcore.Page). */
export function pageSpec(store: ContentStore): ModelSpec<PageRecord> {
  let spec = pageSpecs.get(store);
  if (spec) return spec;
  const typeOrder = new Map(store.model.pageTypes.map((t, i) => [t.name, i + 2]));
  spec = {
    model: 'Page',
    fields: {
      id: (p) => p.id,
      path: (p) => p.path,
      depth: (p) => p.depth,
      numchild: (p) => store.numchild(p.id),
      title: (p) => p.title,
      draft_title: (p) => p.draftTitle,
      slug: (p) => p.slug,
      url_path: (p) => p.urlPath,
      seo_title: (p) => p.seoTitle,
      search_description: (p) => p.searchDescription,
      show_in_menus: (p) => p.showInMenus,
      live: (p) => p.live,
      has_unpublished_changes: (p) => p.hasUnpublishedChanges,
      first_published_at: (p) => p.firstPublishedAt,
      last_published_at: (p) => p.lastPublishedAt,
      latest_revision_created_at: (p) => p.latestRevisionCreatedAt,
      go_live_at: () => null,
      expire_at: () => null,
      expired: () => false,
      locked: (p) => p.locked,
      locked_at: () => null,
      translation_key: (p) => p.translationKey,
      content_type: (p) => typeOrder.get(p.type) ?? 1,
      content_type_id: (p) => typeOrder.get(p.type) ?? 1,
    },
    relations: [
      'alias_of',
      'aliases',
      'group_permissions',
      'latest_revision',
      'live_revision',
      'locale',
      'locked_by',
      'owner',
      'sites_rooted_here',
      'view_restrictions',
      'workflow_states',
    ],
    id: (p) => p.id,
    search: (p) => ({ title: p.title.toLowerCase(), text: store.searchText(p) }),
    inMenu: (p) => p.showInMenus,
  };
  pageSpecs.set(store, spec);
  return spec;
}

/** `Site.find_for_request`: the site matching the Host header, else the default site. */
export function siteForRequest(ctx: CmsContext): SiteRecord | undefined {
  if (ctx.host) {
    const [hostname, port] = ctx.host.split(':');
    const match =
      ctx.store.sites.find((s) => s.hostname === hostname && String(s.port) === (port ?? '80')) ??
      ctx.store.sites.filter((s) => s.hostname === hostname).at(0);
    if (match) return match;
  }
  return ctx.store.defaultSite();
}

/** grapple's `resolve_site_by_hostname`: `host` or `host:port`, an error when ambiguous. */
export function siteByHostname(store: ContentStore, hostname: string, filterName: string): SiteRecord | null {
  const [host, port] = hostname.split(':');
  const matches = store.sites.filter((s) => s.hostname === host && (port === undefined || String(s.port) === port));
  if (matches.length > 1) {
    throw new GraphQLError(
      `Your filter \`${filterName}=${hostname}\` returned multiple sites. Try including a port number to disambiguate (e.g. \`${filterName}=${hostname}:8000\`).`,
    );
  }
  return matches[0] ?? null;
}

/** `get_site_filter`: `site` (hostname) or `inSite` (the request's site), never both. */
export function siteFilter(
  ctx: CmsContext,
  args: { site?: string | null; inSite?: boolean | null },
): { site: SiteRecord | null; requested: boolean } {
  if (args.site !== undefined && args.site !== null && args.inSite) {
    throw new GraphQLError("The 'site' and 'in_site' filters cannot be used at the same time.");
  }
  if (args.site !== undefined && args.site !== null) {
    return { site: siteByHostname(ctx.store, args.site, 'site'), requested: true };
  }
  if (args.inSite) return { site: siteForRequest(ctx) ?? null, requested: true };
  return { site: null, requested: false };
}

/** Splits `app.Model` like Python's `app_label, model = value.lower().split(".")`. */
function splitContentType(value: string): [string, string] {
  const parts = value.trim().toLowerCase().split('.');
  if (parts.length < 2) throw new GraphQLError(`not enough values to unpack (expected 2, got ${parts.length})`);
  if (parts.length > 2) throw new GraphQLError('too many values to unpack (expected 2)');
  return [parts[0] as string, parts[1] as string];
}

function contentTypeOf(store: ContentStore, page: PageRecord): string {
  return pageContentType(store.model, page.type).toLowerCase();
}

/** Content types the ContentType table knows (pages, snippets, the base Page). */
function knownContentType(store: ContentStore, value: string): boolean {
  const all = [
    'wagtailcore.page',
    ...store.model.pageTypes.map((t) => t.contentType.toLowerCase()),
    ...store.model.snippets.map((s) => s.contentType.toLowerCase()),
  ];
  return all.includes(value);
}

export interface LookupArgs {
  id?: string | null;
  slug?: string | null;
  urlPath?: string | null;
  token?: string | null;
  contentType?: string | null;
}

/**
 * grapple's `get_specific_page`: live pages below the Root only; `id` wins over `slug` over `urlPath`.
 * `urlPath` with a site is an exact match on the site's url form; without one it matches the first page in
 * tree order whose url_path ends with the argument. A slug shared by two pages raises Django's
 * MultipleObjectsReturned, which grapple does not catch.
 */
export function lookupPage(ctx: CmsContext, args: LookupArgs, site: SiteRecord | null, onlyType?: string): PageRecord | null {
  const { store } = ctx;
  // A typed field (`articlePage(token: "")`) hands any token to the model, an empty one included.
  if (onlyType !== undefined && typeof args.token === 'string') return pageFromPreviewToken(store, onlyType, args.token);
  if (args.token) return previewPage(store, args.token);
  let wantedType: string | null = null;
  if (args.contentType) {
    const [app, model] = splitContentType(args.contentType);
    wantedType = `${app}.${model}`;
    if (!knownContentType(store, wantedType)) throw new GraphQLError('ContentType matching query does not exist.');
  }
  const accept = (page: PageRecord | undefined): page is PageRecord =>
    page !== undefined &&
    page.live &&
    page.depth > 1 &&
    (site === null || store.inSite(page, site)) &&
    (wantedType === null || contentTypeOf(store, page) === wantedType) &&
    (onlyType === undefined || page.type === onlyType);

  if (args.id !== undefined && args.id !== null && args.id !== '') {
    const page = store.page(parseId(args.id));
    return accept(page) ? page : null;
  }
  if (args.slug) {
    const matches = store.bySlug(args.slug).filter(accept);
    if (matches.length > 1) throw new GraphQLError(`get() returned more than one Page -- it returned ${matches.length}!`);
    return matches[0] ?? null;
  }
  if (args.urlPath) {
    const urlPath = args.urlPath.endsWith('/') ? args.urlPath : `${args.urlPath}/`;
    if (site) {
      const root = store.page(site.rootPageId);
      const page = root ? store.byUrlPath(`${root.urlPath}${urlPath.replace(/^\/+/, '')}`) : undefined;
      return accept(page) ? page : null;
    }
    if (wantedType === null && onlyType === undefined) return store.firstEndingWith(urlPath) ?? null;
    return store.livePages().find((page) => accept(page) && page.urlPath.endsWith(urlPath)) ?? null;
  }
  return null;
}

/**
 * wagtail-headless-preview's `get_page_from_preview_token(cls, token)`: the signature is checked first,
 * and Django's BadSignature is caught neither there nor by grapple, so a tampered or unsigned token naming
 * a page answers `page: null` with an `errors` entry ("Signature ... does not match"). A well-signed token
 * whose row is gone (expired here) or stands for another model is plain null.
 */
function pageFromPreviewToken(store: ContentStore, type: string, token: string): PageRecord | null {
  try {
    store.previews.unsign(token);
  } catch (error) {
    if (error instanceof BadSignature) throw new GraphQLError(error.message);
    throw error;
  }
  return store.previews.get(token, type) ?? null;
}

/**
 * grapple's `get_preview_page(token)`: reads `id=<pk>` (a saved page) or `page_type=app.Model` (a page
 * not saved yet) from the part of the token before the first `:`, then asks that model. Everything that
 * goes wrong before the signature check (no `key=value`, a non-numeric or unknown id, an unknown content
 * type) is caught and answers null: "we don't want to expose any information about unpublished content".
 */
function previewPage(store: ContentStore, token: string): PageRecord | null {
  const params = new Map<string, string>();
  for (const arg of (token.split(':')[0] ?? '').split(';')) {
    // Python's `key, value = arg.split("=")`: anything but exactly one "=" is a ValueError.
    const parts = arg.split('=');
    if (parts.length !== 2) return null;
    params.set(parts[0] as string, parts[1] as string);
  }
  const id = params.get('id');
  if (id) {
    // `Page.objects.get(pk=id)`: a non-integer is a ValueError, a missing page DoesNotExist.
    if (!/^\s*[+-]?\d+\s*$/.test(id)) return null;
    const page = store.page(Number(id));
    if (!page) return null;
    // Every page model of the demo sites has HeadlessPreviewMixin; the base Page (the tree Root) has not.
    if (findPageType(store.model, page.type)) return pageFromPreviewToken(store, page.type, token);
  }
  const pageType = params.get('page_type');
  if (pageType) {
    const parts = pageType.toLowerCase().split('.');
    if (parts.length !== 2) return null;
    const def = store.model.pageTypes.find((t) => t.contentType.toLowerCase() === parts.join('.'));
    if (def) return pageFromPreviewToken(store, def.name, token);
  }
  return null;
}

export interface PagesArgs extends ListArgs {
  contentType?: string | null;
  inSite?: boolean | null;
  site?: string | null;
  ancestor?: string | null;
  parent?: string | null;
}

/** Root `pages(...)`: parent/ancestor scope, live pages below the Root, site and contentType filters. */
export function listPages(ctx: CmsContext, args: PagesArgs): PageRecord[] {
  const { store } = ctx;
  let base: readonly PageRecord[];
  if (args.parent) {
    const parent = store.page(parseId(args.parent));
    base = parent ? store.childrenOf(parent.id).filter((p) => p.live) : [];
  } else if (args.ancestor) {
    const ancestor = store.page(parseId(args.ancestor));
    base = ancestor ? store.descendantsOf(ancestor.id).filter((p) => p.live && p.depth > 1) : [];
  } else {
    base = store.livePages();
  }

  const { site, requested } = siteFilter(ctx, args);
  if (requested && site === null) return [];
  if (site) base = base.filter((p) => store.inSite(p, site));

  if (args.contentType) {
    const wanted = new Set(args.contentType.split(',').map((ct) => splitContentType(ct).join('.')));
    base = base.filter((p) => wanted.has(contentTypeOf(store, p)));
  }
  return finishListing(ctx, base, args);
}

/** Runs grapple's queryset arguments over pages and remembers search scores for `searchScore`. */
export function finishListing(ctx: CmsContext, pages: readonly PageRecord[], args: ListArgs): PageRecord[] {
  const { items, scores } = resolveQueryset(pages, args, pageSpec(ctx.store));
  if (scores) for (const [page, score] of scores) ctx.searchScores.set(page, score);
  return items;
}

/** `SiteObjectType.pages`: live pages in the site (its home page included), one optional content type. */
export function sitePages(ctx: CmsContext, site: SiteRecord, args: ListArgs & { contentType?: string | null }): PageRecord[] {
  const { store } = ctx;
  let base = store.livePages().filter((p) => store.inSite(p, site));
  if (args.contentType) {
    const wanted = splitContentType(args.contentType).join('.');
    if (!knownContentType(store, wanted)) return [];
    base = base.filter((p) => contentTypeOf(store, p) === wanted);
  }
  return finishListing(ctx, base, args);
}

/**
 * Resolvers of page types: the Django `Page` fields every page type exposes, the tree fields
 * (`parent`, `children`, `ancestors`...) with grapple's list arguments, the multi-table inheritance
 * accessors, and each type's own fields.
 */
import type { PageRecord, SiteRecord } from '../content/types.ts';
import type { FieldDef, SiteModel } from '../site/model.ts';
import { pageContentType, pageTypeName } from '../site/model.ts';
import type { CmsContext } from './context.ts';
import type { Args } from './fields.ts';
import { fieldResolver, serveItems } from './fields.ts';
import type { LookupArgs } from './pages.ts';
import { finishListing, lookupPage, pageSpec } from './pages.ts';
import type { ListArgs } from './queryset.ts';
import { MAX_PAGE_SIZE, PAGE_SIZE, filterQueryset } from './queryset.ts';

export function pageResolvers(model: SiteModel, fields: FieldDef[]): Record<string, unknown> {
  const resolvers: Record<string, unknown> = {
    id: (p: PageRecord) => p.id,
    path: (p: PageRecord) => p.path,
    depth: (p: PageRecord) => p.depth,
    numchild: (p: PageRecord, _a: Args, ctx: CmsContext) => ctx.store.numchild(p.id),
    translationKey: (p: PageRecord) => p.translationKey,
    live: (p: PageRecord) => p.live,
    hasUnpublishedChanges: (p: PageRecord) => p.hasUnpublishedChanges,
    firstPublishedAt: (p: PageRecord) => p.firstPublishedAt,
    lastPublishedAt: (p: PageRecord) => p.lastPublishedAt,
    goLiveAt: () => null,
    expireAt: () => null,
    expired: () => false,
    locked: (p: PageRecord) => p.locked,
    lockedAt: () => null,
    title: (p: PageRecord) => p.title,
    draftTitle: (p: PageRecord) => p.draftTitle,
    slug: (p: PageRecord) => p.slug,
    contentType: (p: PageRecord) => pageContentType(model, p.type),
    urlPath: (p: PageRecord) => p.urlPath,
    // grapple: "Get page's SEO title. Fallback to a normal page's title if absent."
    seoTitle: (p: PageRecord) => p.seoTitle || p.title,
    showInMenus: (p: PageRecord) => p.showInMenus,
    searchDescription: (p: PageRecord) => p.searchDescription,
    latestRevisionCreatedAt: (p: PageRecord) => p.latestRevisionCreatedAt,
    aliasOf: () => null,
    sitesRootedHere: (p: PageRecord, _a: Args, ctx: CmsContext) => ctx.store.sites.filter((s) => s.rootPageId === p.id),
    aliases: () => [],
    pageType: (p: PageRecord) => pageTypeName(model, p.type),
    url: (p: PageRecord, _a: Args, ctx: CmsContext) => ctx.store.url(p),
    parent: (p: PageRecord, _a: Args, ctx: CmsContext) => {
      const parent = ctx.store.parentOf(p.id);
      if (!parent) return null;
      const error = ctx.pages.item(parent);
      if (error) throw error;
      return parent;
    },
    children: (p: PageRecord, args: ListArgs, ctx: CmsContext) =>
      serveItems(ctx, finishListing(ctx, ctx.store.childrenOf(p.id).filter((c) => c.live), args)),
    siblings: (p: PageRecord, args: ListArgs, ctx: CmsContext) =>
      serveItems(ctx, finishListing(ctx, siblingsOf(ctx, p).filter((s) => s.id !== p.id), args)),
    nextSiblings: (p: PageRecord, args: ListArgs, ctx: CmsContext) =>
      serveItems(ctx, finishListing(ctx, siblingsOf(ctx, p).filter((s) => s.path > p.path), args)),
    previousSiblings: (p: PageRecord, args: ListArgs, ctx: CmsContext) =>
      // Wagtail's get_prev_siblings() orders by -path.
      serveItems(ctx, finishListing(ctx, siblingsOf(ctx, p).filter((s) => s.path < p.path).reverse(), args)),
    descendants: (p: PageRecord, args: ListArgs, ctx: CmsContext) =>
      serveItems(ctx, finishListing(ctx, ctx.store.descendantsOf(p.id).filter((d) => d.live), args)),
    ancestors: (p: PageRecord, args: ListArgs, ctx: CmsContext) =>
      serveItems(ctx, finishListing(ctx, ctx.store.ancestorsOf(p.id).filter((a) => a.live), args)),
    searchScore: (p: PageRecord, _a: Args, ctx: CmsContext) => ctx.searchScores.get(p) ?? null,
  };
  // Django multi-table inheritance accessors: `page.articlepage` is the page itself when it is one.
  for (const t of model.pageTypes) {
    resolvers[t.name.toLowerCase()] = (p: PageRecord) => (p.type === t.name ? p : null);
  }
  for (const field of fields) {
    resolvers[field.name] = fieldResolver(
      model,
      field,
      ((p: PageRecord) => p.fields[field.name]) as (source: never) => unknown,
      ((p: PageRecord) => p) as (source: never) => PageRecord | null,
    );
  }
  return resolvers;
}

function siblingsOf(ctx: CmsContext, page: PageRecord): PageRecord[] {
  if (page.parentId === null) return [page];
  return ctx.store.childrenOf(page.parentId).filter((s) => s.live);
}

/** A lookup that found a page: accounted (work, faults) before it is served. */
export function lookupAndServe(ctx: CmsContext, args: LookupArgs, site: SiteRecord | null, onlyType?: string): PageRecord | null {
  const page = lookupPage(ctx, args, site, onlyType);
  if (page) ctx.pages.lookup(page);
  return page;
}

/** grapple's `resolve_paginated_queryset` (Django Paginator: out-of-range pages give the last page). */
export function paginated(ctx: CmsContext, typeName: string, args: ListArgs & { page?: number | null; perPage?: number | null }) {
  const perPage = Math.min(args.perPage || PAGE_SIZE, MAX_PAGE_SIZE);
  const source = ctx.store.livePages().filter((p) => p.type === typeName);
  const everything = filterQueryset(source, args, pageSpec(ctx.store)).items;
  const totalPages = Math.max(1, Math.ceil(everything.length / perPage));
  const current = Math.min(Math.max(1, args.page || 1), totalPages);
  const items = everything.slice((current - 1) * perPage, current * perPage);
  return {
    items: serveItems(ctx, items),
    pagination: {
      total: everything.length,
      count: items.length,
      perPage,
      currentPage: current,
      prevPage: current > 1 ? current - 1 : null,
      nextPage: current < totalPages ? current + 1 : null,
      totalPages,
    },
  };
}

/**
 * Resolvers for the schema `buildSdl` produces: grapple's generic part plus field resolvers derived from
 * the site model's field kinds, so the demo and the alt site share every behaviour.
 */
import { GraphQLError } from 'graphql';
import type { ObjectRecord, PageRecord, RedirectRecord, SettingRecord, SiteRecord, SnippetRecord } from '../content/types.ts';
import type { SiteModel } from '../site/model.ts';
import { pageTypeName, paginatedFieldNames } from '../site/model.ts';
import type { CmsContext } from './context.ts';
import type { Args } from './fields.ts';
import { fieldResolver, modelSpec, serveItems, sortedById } from './fields.ts';
import { renderRichText } from './images.ts';
import { collectionSpec, documentSpec, imageSpec, mediaResolvers, tagSpec } from './media-types.ts';
import { lookupAndServe, pageResolvers, paginated } from './page-types.ts';
import type { LookupArgs, PagesArgs } from './pages.ts';
import { listPages, siteByHostname, sitePages, siteFilter } from './pages.ts';
import type { ListArgs, ModelSpec } from './queryset.ts';
import { parseId, resolveQueryset } from './queryset.ts';
import { scalarResolvers } from './scalars.ts';
import { referencedPage, streamResolvers } from './streamfield.ts';

type Resolvers = Record<string, Record<string, unknown>>;

function rootUrl(site: SiteRecord): string {
  if (site.port === 443) return `https://${site.hostname}`;
  return site.port === 80 ? `http://${site.hostname}` : `http://${site.hostname}:${site.port}`;
}

const siteSpec: ModelSpec<SiteRecord> = {
  model: 'Site',
  fields: {
    id: (s) => s.id,
    hostname: (s) => s.hostname,
    port: (s) => s.port,
    site_name: (s) => s.siteName,
    is_default_site: (s) => s.isDefaultSite,
    root_page: (s) => s.rootPageId,
  },
  id: (s) => s.id,
  search: (s) => ({ title: s.siteName.toLowerCase(), text: `${s.siteName} ${s.hostname}`.toLowerCase() }),
};

/** A root `x(id:)` field: the record with that id, null without an id. */
function byId<T>(records: ReadonlyMap<number, T>, id: string | null | undefined): T | null {
  return id === undefined || id === null ? null : (records.get(parseId(id)) ?? null);
}

/** A root list of stored records: grapple's queryset arguments over them in id order. */
function listed<T extends { id: number }>(records: ReadonlyMap<number, T>, args: ListArgs, spec: ModelSpec<T>): T[] {
  return resolveQueryset(sortedById(records.values()), args, spec).items;
}

interface RedirectView {
  redirect: RedirectRecord;
  site: SiteRecord;
}

export function buildResolvers(model: SiteModel): Resolvers {
  const resolvers: Resolvers = {
    ...(scalarResolvers as unknown as Resolvers),
    ...streamResolvers(model.customBlocks),
    PageInterface: {
      __resolveType: (p: PageRecord) => pageTypeName(model, p.type),
    },
    SnippetInterface: { __resolveType: (s: SnippetRecord) => s.type },
    Search: {
      __resolveType: (item: PageRecord | SnippetRecord) =>
        'path' in item ? pageTypeName(model, item.type) : item.type,
    },
    Page: pageResolvers(model, []),
    ...mediaResolvers(),
    Redirect: {
      oldPath: (r: RedirectView) => r.redirect.oldPath,
      oldUrl: (r: RedirectView) => rootUrl(r.site) + r.redirect.oldPath,
      newUrl: (r: RedirectView, _a: Args, ctx: CmsContext) => {
        if (r.redirect.redirectPageId !== null) {
          const page = ctx.store.page(r.redirect.redirectPageId);
          return page ? ctx.store.url(page) : null;
        }
        return r.redirect.redirectLink;
      },
      page: (r: RedirectView, _a: Args, ctx: CmsContext) => referencedPage(ctx, r.redirect.redirectPageId),
      site: (r: RedirectView) => r.site,
      isPermanent: (r: RedirectView) => r.redirect.isPermanent,
    },
    SiteObjectType: {
      rootPage: (s: SiteRecord, _a: Args, ctx: CmsContext) => ctx.store.page(s.rootPageId),
      pages: (s: SiteRecord, args: ListArgs & { contentType?: string | null }, ctx: CmsContext) =>
        serveItems(ctx, sitePages(ctx, s, args)),
      page: (s: SiteRecord, args: LookupArgs, ctx: CmsContext) => lookupAndServe(ctx, args, s),
    },
    Query: {
      pages: (_root: unknown, args: PagesArgs, ctx: CmsContext) => serveItems(ctx, listPages(ctx, args)),
      page: (_root: unknown, args: LookupArgs & { inSite?: boolean | null; site?: string | null }, ctx: CmsContext) => {
        // grapple: an unknown `site` hostname gives no site filter at all for `page`.
        const { site } = siteFilter(ctx, args);
        return lookupAndServe(ctx, args, site);
      },
      images: (_root: unknown, args: ListArgs, ctx: CmsContext) => listed(ctx.store.images, args, imageSpec),
      image: (_root: unknown, args: { id?: string | null }, ctx: CmsContext) => byId(ctx.store.images, args.id),
      imageType: () => 'ImageObjectType',
      documents: (_root: unknown, args: ListArgs, ctx: CmsContext) => listed(ctx.store.documents, args, documentSpec),
      document: (_root: unknown, args: { id?: string | null }, ctx: CmsContext) => byId(ctx.store.documents, args.id),
      documentType: () => 'DocumentObjectType',
      // grapple lists a redirect without a site once per site.
      redirects: (_root: unknown, _args: Args, ctx: CmsContext): RedirectView[] =>
        ctx.store.redirects.flatMap((redirect) => {
          if (redirect.siteId === null) return ctx.store.sites.map((site) => ({ redirect, site }));
          const site = ctx.store.sites.find((s) => s.id === redirect.siteId);
          return site ? [{ redirect, site }] : [];
        }),
      sites: (_root: unknown, args: ListArgs & { isDefaultSite?: boolean | null }, ctx: CmsContext) => {
        const sites = ctx.store.sites.filter(
          (s) => args.isDefaultSite === undefined || args.isDefaultSite === null || s.isDefaultSite === args.isDefaultSite,
        );
        return resolveQueryset(sites, args, siteSpec).items;
      },
      site: (_root: unknown, args: { hostname?: string | null; id?: string | null }, ctx: CmsContext) => {
        if (args.id) return ctx.store.sites.find((s) => s.id === parseId(args.id as string)) ?? null;
        if (args.hostname) return siteByHostname(ctx.store, args.hostname, 'hostname');
        return null;
      },
      collections: (_root: unknown, args: ListArgs, ctx: CmsContext) => listed(ctx.store.collections, args, collectionSpec),
      tag: (_root: unknown, args: { id?: string | null }, ctx: CmsContext) => byId(ctx.store.tags, args.id),
      tags: (_root: unknown, args: ListArgs, ctx: CmsContext) => listed(ctx.store.tags, args, tagSpec),
      snippets: (_root: unknown, _args: Args, ctx: CmsContext) => sortedById(ctx.store.snippets.values()),
      search: (_root: unknown, args: { query?: string | null }, ctx: CmsContext) => search(ctx, args.query ?? ''),
    },
  };

  for (const pageType of model.pageTypes) {
    resolvers[pageType.name] = pageResolvers(model, pageType.fields);
    if (pageType.paginatedQuery) {
      const { single, plural } = paginatedFieldNames(pageType);
      const query = resolvers['Query'] as Record<string, unknown>;
      query[single] = (_root: unknown, args: LookupArgs, ctx: CmsContext) => lookupAndServe(ctx, args, null, pageType.name);
      query[plural] = (
        _root: unknown,
        args: ListArgs & { page?: number | null; perPage?: number | null },
        ctx: CmsContext,
      ) => paginated(ctx, pageType.name, args);
    }
  }
  for (const snippet of model.snippets) {
    const fields: Record<string, unknown> = {
      snippetType: (s: SnippetRecord) => s.type,
      contentType: () => snippet.contentType,
    };
    for (const field of snippet.fields) {
      fields[field.name] =
        field.kind === 'id'
          ? (s: SnippetRecord) => s.id
          : fieldResolver(model, field, ((s: SnippetRecord) => s.fields[field.name]) as (source: never) => unknown, () => null);
    }
    resolvers[snippet.name] = fields;
    if (snippet.queryField) {
      const spec = modelSpec<SnippetRecord>(snippet.name, snippet.fields, (s, f) => (f === 'id' ? s.id : s.fields[f]), (s) => s.id);
      const query = resolvers['Query'] as Record<string, unknown>;
      query[snippet.queryField.singular] = (_root: unknown, args: { id?: string | null }, ctx: CmsContext) => {
        const found = byId(ctx.store.snippets, args.id);
        return found?.type === snippet.name ? found : null;
      };
      query[snippet.queryField.plural] = (_root: unknown, args: ListArgs, ctx: CmsContext) =>
        resolveQueryset(sortedById(ctx.store.snippetsOf(snippet.name)), args, spec).items;
    }
  }
  for (const object of model.objects) {
    const fields: Record<string, unknown> = {};
    for (const field of object.fields) {
      fields[field.name] = fieldResolver(model, field, ((o: ObjectRecord) => o[field.name]) as (source: never) => unknown, () => null);
    }
    resolvers[object.name] = fields;
  }
  // The union only exists when the site registers settings (as in grapple).
  if (model.settings.length > 0) {
    resolvers['SettingsObjectType'] = { __resolveType: (s: SettingRecord) => s.type };
    Object.assign(resolvers['Query'] as Record<string, unknown>, {
      setting: (_root: unknown, args: { name?: string | null; site?: string | null }, ctx: CmsContext) =>
        settings(model, ctx, args, true)[0] ?? null,
      settings: (_root: unknown, args: { name?: string | null; site?: string | null }, ctx: CmsContext) =>
        settings(model, ctx, args, false),
    });
  }
  for (const setting of model.settings) {
    const fields: Record<string, unknown> = {};
    for (const field of setting.fields) {
      fields[field.name] =
        field.kind === 'richtext'
          ? (s: SettingRecord, _a: Args, ctx: CmsContext) =>
              typeof s.fields[field.name] === 'string' ? renderRichText(ctx, s.fields[field.name] as string) : null
          : fieldResolver(model, field, ((s: SettingRecord) => s.fields[field.name]) as (source: never) => unknown, () => null);
    }
    resolvers[setting.name] = fields;
    if (setting.scope === 'site') {
      (resolvers['SiteObjectType'] as Record<string, unknown>)[setting.name.toLowerCase()] = (
        site: SiteRecord,
        _a: Args,
        ctx: CmsContext,
      ) => ctx.store.settings.find((s) => s.type === setting.name && s.siteId === site.id) ?? null;
    }
  }
  return resolvers;
}

/**
 * Root `search`: grapple searches every indexed model and the whole field fails when an image or a
 * document matches (README item 11), so clients must use `pages(searchQuery:)`.
 */
function search(ctx: CmsContext, query: string): Array<PageRecord | SnippetRecord | Error> {
  const wanted = query.toLowerCase().trim();
  if (wanted === '') return [];
  const mediaHit =
    [...ctx.store.images.values()].some((i) => i.title.toLowerCase().includes(wanted)) ||
    [...ctx.store.documents.values()].some((d) => d.title.toLowerCase().includes(wanted));
  if (mediaHit) {
    throw new GraphQLError("'NoneType' object has no attribute 'specific'");
  }
  const pages = ctx.store.livePages().filter((p) => ctx.store.searchText(p).includes(wanted));
  const snippets = [...ctx.store.snippets.values()].filter((s) =>
    Object.values(s.fields).some((v) => typeof v === 'string' && v.toLowerCase().includes(wanted)),
  );
  return [...serveItems(ctx, pages), ...snippets];
}

/** grapple's settings resolvers: site settings need a `site` when several sites exist. */
function settings(
  model: SiteModel,
  ctx: CmsContext,
  args: { name?: string | null; site?: string | null },
  single: boolean,
): SettingRecord[] {
  const site = args.site ? siteByHostname(ctx.store, args.site, 'site') : null;
  const out: SettingRecord[] = [];
  for (const def of model.settings) {
    if (args.name && def.name.toLowerCase() !== args.name.toLowerCase()) continue;
    const rows = ctx.store.settings.filter((s) => s.type === def.name);
    if (def.scope === 'site') {
      if (site) out.push(...rows.filter((r) => r.siteId === site.id));
      else if (ctx.store.sites.length === 1 || !single) out.push(...rows.slice(0, single ? 1 : undefined));
      else {
        throw new GraphQLError(
          `There are multiple \`${args.name}\` instances - please include a \`site\` filter to disambiguate (e.g. \`setting(name: '${args.name}', site='example.com')\`.`,
        );
      }
    } else {
      out.push(...rows.slice(0, 1));
    }
    if (single && out.length > 0) break;
  }
  return out;
}

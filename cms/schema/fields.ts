/**
 * Resolvers derived from field definitions (model fields of pages, snippets, inline objects, settings),
 * and the list helpers they share. A field's kind decides how its stored value is served: ids become
 * records, rich text is expanded, StreamFields are bound to their blocks, related lists take grapple's
 * QuerySetList arguments (`limit` defaulting to 10).
 */
import type { ObjectRecord, PageRecord, SnippetRecord } from '../content/types.ts';
import type { FieldDef, SiteModel } from '../site/model.ts';
import { snakeCase } from '../site/model.ts';
import type { CmsContext } from './context.ts';
import { pageRichText } from './images.ts';
import type { ListArgs, ModelSpec } from './queryset.ts';
import { resolveQueryset } from './queryset.ts';
import { bindStream, referencedRecord } from './streamfield.ts';

export type Args = Record<string, unknown>;

/**
 * Pages handed out in a list go through the accounting hook. A failing one is returned as its Error:
 * graphql-js raises an Error list item at that item's path, with no promise left to reject unobserved.
 */
export function serveItems(ctx: CmsContext, pages: readonly PageRecord[]): Array<PageRecord | Error> {
  return pages.map((page) => ctx.pages.item(page) ?? page);
}

export function sortedById<T extends { id: number }>(items: Iterable<T>): T[] {
  return [...items].sort((a, b) => a.id - b.id);
}

/** Queryset spec for a model described by field definitions (snippets, inline objects). */
export function modelSpec<T>(name: string, fields: FieldDef[], read: (item: T, field: string) => unknown, id: (item: T) => number): ModelSpec<T> {
  const orderable: ModelSpec<T>['fields'] = {};
  const textFields: string[] = [];
  for (const field of fields) {
    if (['id', 'string', 'int', 'float', 'boolean', 'date', 'datetime'].includes(field.kind)) {
      orderable[snakeCase(field.name)] = (item) => (read(item, field.name) ?? null) as string | number | boolean | null;
    }
    if (field.kind === 'string' || field.kind === 'richtext') textFields.push(field.name);
  }
  return {
    model: name,
    fields: orderable,
    id,
    search: (item) => {
      const text = textFields.map((f) => String(read(item, f) ?? '')).join(' ').toLowerCase();
      return { title: text, text };
    },
  };
}

/** A resolver for one model field, reading its stored value with `read`. `owner` is the page, if any. */
export function fieldResolver(
  model: SiteModel,
  field: FieldDef,
  read: (source: never) => unknown,
  owner: (source: never) => PageRecord | null,
): (source: never, args: Args, ctx: CmsContext) => unknown {
  switch (field.kind) {
    case 'stream': {
      const stream = field.stream ?? {};
      return (source, _args, ctx) => {
        const page = owner(source);
        if (page) ctx.pages.content(page);
        const value = read(source);
        return value === null || value === undefined ? null : bindStream(value, stream, page, true);
      };
    }
    case 'richtext':
      return (source, _args, ctx) => pageRichText(ctx, owner(source), read(source));
    case 'image':
    case 'document':
    case 'page':
    case 'snippet': {
      const kind = field.kind;
      return (source, _args, ctx) => referencedRecord(ctx, kind, read(source));
    }
    case 'pages':
      return (source, _args, ctx) => {
        const ids = (read(source) ?? []) as number[];
        const pages = ids.map((id) => ctx.store.page(Number(id))).filter((p): p is PageRecord => p !== undefined && p.live);
        return serveItems(ctx, pages);
      };
    case 'tags':
      return (source, _args, ctx) =>
        ((read(source) ?? []) as number[]).map((id) => ctx.store.tags.get(Number(id))).filter((t) => t !== undefined);
    case 'snippets': {
      const def = model.snippets.find((s) => s.name === field.of);
      const spec = modelSpec<SnippetRecord>(field.of ?? 'Snippet', def?.fields ?? [], (s, f) => s.fields[f], (s) => s.id);
      return (source, args, ctx) => {
        const snippets = ((read(source) ?? []) as number[])
          .map((id) => ctx.store.snippets.get(Number(id)))
          .filter((s): s is SnippetRecord => s !== undefined);
        return resolveQueryset(snippets, args as ListArgs, spec).items;
      };
    }
    case 'objects': {
      const def = model.objects.find((o) => o.name === field.of);
      const spec = modelSpec<ObjectRecord>(field.of ?? 'Object', def?.fields ?? [], (o, f) => o[f], (o) => o.id);
      return (source, args) => resolveQueryset(((read(source) ?? []) as ObjectRecord[]), args as ListArgs, spec).items;
    }
    default:
      return (source) => read(source) ?? null;
  }
}

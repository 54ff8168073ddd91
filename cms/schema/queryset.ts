/**
 * grapple's `resolve_queryset` (README item 1): `id` filter, `inMenu`, Django `order_by` from a
 * comma-separated string, `searchQuery` with relevance order, then `[offset : offset + limit]` where a
 * missing or zero limit means 10 and anything above 100 is silently capped.
 */
import { GraphQLError } from 'graphql';

export const PAGE_SIZE = 10;
export const MAX_PAGE_SIZE = 100;

export interface ListArgs {
  limit?: number | null;
  offset?: number | null;
  order?: string | null;
  searchQuery?: string | null;
  searchOperator?: 'AND' | 'OR' | null;
  id?: string | number | null;
  inMenu?: boolean | null;
  collection?: string | number | null;
}

type SortValue = string | number | boolean | null;

/** How one Django model lists, filters and orders. */
export interface ModelSpec<T> {
  /** Model name for errors (`Page`, `Image`). */
  model: string;
  /** Orderable Django field names (snake_case) and how to read them. `pk` is added automatically. */
  fields: Record<string, (item: T) => SortValue>;
  /** Extra names Django would list among the choices (relations), for a faithful error message. */
  relations?: string[];
  id: (item: T) => number;
  /** Lower-cased title and full text for `searchQuery`; absent = not searchable. */
  search?: (item: T) => { title: string; text: string };
  inMenu?: (item: T) => boolean;
  collection?: (item: T) => number;
}

/** Django's `int()` conversion of an id argument, with its error. */
export function parseId(value: string | number, field = 'id'): number {
  const text = String(value).trim();
  if (!/^-?\d+$/.test(text)) throw new GraphQLError(`Field '${field}' expected a number but got '${String(value)}'.`);
  return Number(text);
}

interface OrderTerm {
  name: string;
  descending: boolean;
}

/**
 * Parses `"-last_published_at,id"`. An unknown name (including camelCase `lastPublishedAt`) raises
 * Django's FieldError, which grapple reports as a GraphQL error on the field.
 */
export function parseOrder<T>(order: string, spec: ModelSpec<T>): OrderTerm[] {
  return order.split(',').map((raw) => {
    const term = raw.trim();
    const descending = term.startsWith('-');
    const name = descending ? term.slice(1) : term;
    if (name !== 'pk' && !(name in spec.fields)) {
      const choices = [...Object.keys(spec.fields), ...(spec.relations ?? [])].sort().join(', ');
      throw new GraphQLError(`Cannot resolve keyword '${name}' into field. Choices are: ${choices}`);
    }
    return { name, descending };
  });
}

/** Postgres ordering: NULLs sort after every value ascending, before them descending. */
function compare(a: SortValue, b: SortValue): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a < b ? -1 : 1;
}

const sortCache = new WeakMap<readonly unknown[], Map<string, unknown[]>>();

function sorted<T>(items: readonly T[], order: string, spec: ModelSpec<T>): T[] {
  const terms = parseOrder(order, spec);
  let byOrder = sortCache.get(items);
  const hit = byOrder?.get(order);
  if (hit) return hit as T[];
  const getters = terms.map((t) => ({
    get: t.name === 'pk' ? (item: T) => spec.id(item) : (spec.fields[t.name] as (item: T) => SortValue),
    sign: t.descending ? -1 : 1,
  }));
  const out = [...items].sort((a, b) => {
    for (const { get, sign } of getters) {
      const c = compare(get(a), get(b));
      if (c !== 0) return c * sign;
    }
    return 0;
  });
  if (!byOrder) {
    byOrder = new Map();
    sortCache.set(items, byOrder);
  }
  byOrder.set(order, out);
  return out;
}

function terms(query: string): string[] {
  return query
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((t) => t.length > 0);
}

function occurrences(text: string, term: string): number {
  let count = 0;
  for (let i = text.indexOf(term); i >= 0; i = text.indexOf(term, i + term.length)) count++;
  return count;
}

export interface QuerysetResult<T> {
  items: T[];
  /** Relevance scores when a search ran (grapple's `searchScore`). */
  scores: Map<T, number> | null;
}

/** Everything `resolveQueryset` does but the slicing (grapple's paginated fields page the whole list). */
export function filterQueryset<T>(source: readonly T[], args: ListArgs, spec: ModelSpec<T>): QuerysetResult<T> {
  let items: readonly T[] = source;
  if (args.id !== undefined && args.id !== null) {
    const id = parseId(args.id);
    items = items.filter((item) => spec.id(item) === id);
  }
  if (args.inMenu !== undefined && args.inMenu !== null && spec.inMenu) {
    const wanted = args.inMenu;
    const inMenu = spec.inMenu;
    items = items.filter((item) => inMenu(item) === wanted);
  }
  if (args.collection !== undefined && args.collection !== null && spec.collection) {
    const collection = parseId(args.collection, 'collection');
    const of = spec.collection;
    items = items.filter((item) => of(item) === collection);
  }
  // An order string is validated even when the list is empty, as Django validates order_by eagerly.
  if (args.order !== undefined && args.order !== null) items = sorted(items, args.order, spec);

  let scores: Map<T, number> | null = null;
  if ((args.id === undefined || args.id === null) && args.searchQuery) {
    if (!spec.search) throw new GraphQLError('This data type is not searchable by Wagtail.');
    const wanted = terms(args.searchQuery);
    const any = args.searchOperator === 'OR';
    const search = spec.search;
    scores = new Map();
    const hits: Array<{ item: T; score: number; index: number }> = [];
    items.forEach((item, index) => {
      const { title, text } = search(item);
      let score = 0;
      let matched = 0;
      for (const term of wanted) {
        const inTitle = occurrences(title, term);
        const inText = occurrences(text, term);
        if (inTitle + inText > 0) matched++;
        score += inTitle * 3 + Math.min(inText, 10);
      }
      if (wanted.length > 0 && (any ? matched > 0 : matched === wanted.length)) hits.push({ item, score, index });
    });
    // Relevance order unless an explicit order was given (grapple's order_by_relevance).
    if (args.order === undefined || args.order === null) hits.sort((a, b) => b.score - a.score || a.index - b.index);
    items = hits.map((h) => h.item);
    for (const hit of hits) scores.set(hit.item, hit.score);
  }
  return { items: items as T[], scores };
}

export function resolveQueryset<T>(source: readonly T[], args: ListArgs, spec: ModelSpec<T>): QuerysetResult<T> {
  const { items, scores } = filterQueryset(source, args, spec);
  const offset = args.offset ?? 0;
  const limit = Math.min(args.limit || PAGE_SIZE, MAX_PAGE_SIZE);
  return { items: items.slice(offset, offset + limit), scores };
}

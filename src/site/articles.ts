/**
 * Which pages are "articles" (dated content worth a feed entry) and the date to list them by.
 *
 * Nothing in grapple says which page types are articles, so it is inferred once per build from the
 * content itself: a page type is article-like when it has its own date field, i.e. a `datetime` field
 * other than Wagtail's bookkeeping timestamps, or a `text` field whose values all look like `YYYY-MM-DD`
 * (grapple sends model DateFields as plain strings, README §6), preferring types whose date is named
 * like a publication date. `RSS_CONTENT_TYPES` (a list of `app.Model`) replaces the guess.
 */
import type { Page } from '../wagtail/schema.ts';
import { ISO_DATE } from './fields.ts';
import { compareIds } from './tree.ts';

/** Timestamps every page has (or workflow state): they say nothing about a page being an article. */
const BOOKKEEPING_DATES = new Set([
  'firstPublishedAt',
  'lastPublishedAt',
  'latestRevisionCreatedAt',
  'goLiveAt',
  'expireAt',
  'lockedAt',
  'createdAt',
  'updatedAt',
]);

/** Among several date fields, one named like a publication date is the one to list by. */
const PUBLICATION_NAME = /publi(?:sh|cation)|posted|^(?:pub)?date$/i;

export interface ArticleTypes {
  /** `app.Model` → the field holding its date (null: list it by `firstPublishedAt`). */
  dateFieldByType: ReadonlyMap<string, string | null>;
}

interface FieldStats {
  dates: number;
  others: number;
  datetime: boolean;
}

export function detectArticleTypes(pages: readonly Page[], override: readonly string[] | null): ArticleTypes {
  const stats = new Map<string, Map<string, FieldStats>>();
  for (const page of pages) {
    let byField = stats.get(page.contentType);
    if (!byField) stats.set(page.contentType, (byField = new Map()));
    for (const [name, f] of Object.entries(page.fields)) {
      if (BOOKKEEPING_DATES.has(name) || (f.kind !== 'datetime' && f.kind !== 'text')) continue;
      let s = byField.get(name);
      if (!s) byField.set(name, (s = { dates: 0, others: 0, datetime: f.kind === 'datetime' }));
      if (!f.value) continue;
      if (f.kind === 'datetime' || ISO_DATE.test(f.value)) s.dates++;
      else s.others++;
    }
  }

  const best = new Map<string, string | null>();
  for (const [type, byField] of stats) {
    const candidates = [...byField]
      .filter(([, s]) => s.datetime || (s.dates > 0 && s.others === 0))
      .sort(([a, sa], [b, sb]) => rank(b, sb) - rank(a, sa) || (a < b ? -1 : 1));
    best.set(type, candidates[0]?.[0] ?? null);
  }

  // Events (`startDate`) and opening seasons (`openFrom`) are dated too, but are not news. When some
  // types carry a publication-like date (`datePublished`, `date`), only they are articles; a site with
  // no such name falls back to every type with a date field.
  const dated = [...best].filter((entry): entry is [string, string] => entry[1] !== null);
  const published = dated.filter(([, name]) => PUBLICATION_NAME.test(name));
  const guessed = published.length > 0 ? published : dated;

  const dateFieldByType = new Map<string, string | null>();
  if (override) for (const type of override) dateFieldByType.set(type, best.get(type) ?? null);
  else for (const [type, name] of guessed) dateFieldByType.set(type, name);
  return { dateFieldByType };
}

function rank(name: string, s: FieldStats): number {
  return (PUBLICATION_NAME.test(name) ? 2 : 0) + (s.dates > 0 ? 1 : 0);
}

export interface Article {
  page: Page;
  /** ISO date or date-time the article is listed by. */
  date: string;
}

/** Article-like pages, newest first (ties by id, newest id first, so the order is stable). */
export function listArticles(pages: readonly Page[], types: ArticleTypes): Article[] {
  const articles: Article[] = [];
  for (const page of pages) {
    if (!types.dateFieldByType.has(page.contentType)) continue;
    const fieldName = types.dateFieldByType.get(page.contentType);
    const f = fieldName ? page.fields[fieldName] : undefined;
    const own = f && (f.kind === 'datetime' || f.kind === 'text') ? f.value : null;
    const date = own || page.firstPublishedAt || page.lastPublishedAt;
    if (date) articles.push({ page, date });
  }
  return articles.sort((a, b) => compareDates(b.date, a.date) || compareIds(b.page.id, a.page.id));
}

function compareDates(a: string, b: string): number {
  const ta = Date.parse(a);
  const tb = Date.parse(b);
  if (Number.isNaN(ta) || Number.isNaN(tb)) return a < b ? -1 : a > b ? 1 : 0;
  return ta - tb;
}

/**
 * The browser's side of `/api/comments`: typed reads of its answers and one outcome per way a post can end,
 * so the form shows a message for each without looking at status codes itself. Answers are checked by
 * hand (no zod in the bundle): a malformed answer reads as "unavailable", never as a crash.
 */

export interface PublicComment {
  id: string;
  name: string;
  /** ISO 8601. */
  createdAt: string;
  /** Escaped HTML made by the server (line breaks, auto-linked URLs): safe to insert as HTML. */
  html: string;
}

export interface CommentsPage {
  comments: PublicComment[];
  /** Approved comments on the page in all. */
  count: number;
  /** URL of the next (newer) comments, or null on the last page. */
  next: string | null;
}

export type CommentField = 'name' | 'email' | 'body' | 'page';

export interface CommentInput {
  page: string;
  name: string;
  email?: string;
  body: string;
  /** The honeypot: always empty when a person fills the form. */
  website: string;
}

export type PostOutcome =
  | { kind: 'created'; comment: PublicComment; status: 'pending' | 'approved' }
  /** 400, 413: the server named what is wrong (perhaps per field). */
  | { kind: 'invalid'; status: number; error: string | null; fields: Partial<Record<CommentField, string>> }
  | { kind: 'rate-limited'; retryAfterSeconds: number | null; error: string | null }
  /** 404, 415 and other refusals that retrying will not fix. */
  | { kind: 'refused'; status: number; error: string | null }
  /** 5xx, network failure, timeout or an answer that is not the contract's. */
  | { kind: 'unavailable' };

const TIMEOUT_MS = 20_000;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function readComment(value: unknown): PublicComment | null {
  if (!isRecord(value)) return null;
  const { id, name, createdAt, html } = value;
  if ((typeof id !== 'string' && typeof id !== 'number') || typeof name !== 'string' || typeof createdAt !== 'string' || typeof html !== 'string') {
    return null;
  }
  return { id: String(id), name, createdAt, html };
}

export function readCommentsPage(value: unknown): CommentsPage | null {
  if (!isRecord(value) || !Array.isArray(value.comments)) return null;
  const comments = value.comments.map(readComment);
  if (comments.some((c) => c === null)) return null;
  const count = typeof value.count === 'number' ? value.count : comments.length;
  const next = typeof value.next === 'string' && value.next !== '' ? value.next : null;
  return { comments: comments as PublicComment[], count, next };
}

async function readJson(response: Response): Promise<unknown> {
  try {
    return await response.json();
  } catch {
    return null;
  }
}

function errorOf(body: unknown): string | null {
  return isRecord(body) && typeof body.error === 'string' && body.error.trim() !== '' ? body.error : null;
}

function fieldsOf(body: unknown): Partial<Record<CommentField, string>> {
  const fields: Partial<Record<CommentField, string>> = {};
  if (!isRecord(body) || !isRecord(body.fields)) return fields;
  for (const key of ['name', 'email', 'body', 'page'] as const) {
    const message = body.fields[key];
    if (typeof message === 'string' && message !== '') fields[key] = message;
  }
  return fields;
}

/** `Retry-After` as seconds from now: either delta-seconds or an HTTP date. */
export function retryAfterSeconds(header: string | null, now = Date.now()): number | null {
  if (!header) return null;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? null : Math.max(0, Math.ceil((date - now) / 1000));
}

export async function fetchComments(url: string, signal?: AbortSignal): Promise<CommentsPage> {
  const response = await fetch(url, { headers: { accept: 'application/json' }, signal: signal ?? AbortSignal.timeout(TIMEOUT_MS) });
  if (!response.ok) throw new Error(`GET ${url} answered ${response.status}`);
  const page = readCommentsPage(await readJson(response));
  if (!page) throw new Error(`GET ${url} answered something other than a page of comments`);
  return page;
}

export async function postComment(endpoint: string, input: CommentInput): Promise<PostOutcome> {
  let response: Response;
  try {
    response = await fetch(endpoint, {
      method: 'POST',
      headers: { accept: 'application/json', 'content-type': 'application/json' },
      body: JSON.stringify(input),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch {
    return { kind: 'unavailable' };
  }
  const body = await readJson(response);
  if (response.status === 201 || response.status === 200) {
    const comment = isRecord(body) ? readComment(body.comment) : null;
    const status = isRecord(body) ? body.status : null;
    if (!comment || (status !== 'pending' && status !== 'approved')) return { kind: 'unavailable' };
    return { kind: 'created', comment, status };
  }
  if (response.status === 400 || response.status === 413) {
    return { kind: 'invalid', status: response.status, error: errorOf(body), fields: fieldsOf(body) };
  }
  if (response.status === 429) {
    return { kind: 'rate-limited', retryAfterSeconds: retryAfterSeconds(response.headers.get('retry-after')), error: errorOf(body) };
  }
  if (response.status >= 400 && response.status < 500) return { kind: 'refused', status: response.status, error: errorOf(body) };
  return { kind: 'unavailable' };
}

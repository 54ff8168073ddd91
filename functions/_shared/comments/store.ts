/**
 * Comments in Netlify Blobs. One key per comment (`records/<page>/<id>`), written with `onlyIfNew` so no
 * write ever replaces another; read with strong consistency so a comment is listed as soon as it is
 * acknowledged. Empty marker keys (`approved/<page>/<id>`, `pending/<page>/<id>`) index the records by
 * state, so listing a page reads only the comments it shows. The record is the truth: a marker whose
 * record is missing or in another state is skipped, and removed once it is old enough not to be a write
 * in flight.
 */
import { getStore, type Store } from '@netlify/blobs';
import { timeOrderedKey } from '../keys.ts';
import { commentRecordSchema, type CommentRecord, type CommentStatus } from './record.ts';

/** A marker younger than this may belong to a write still in progress; older strays are garbage. */
const STRAY_AFTER_MS = 60_000;

export function commentsStore(deployContext: string): Store {
  return getStore({ name: `comments-${deployContext}`, consistency: 'strong' });
}

const recordKey = (page: string, id: string) => `records/${page}/${id}`;
const markerKey = (status: CommentStatus, page: string, id: string) => `${status}/${page}/${id}`;

export async function readRecord(store: Store, page: string, id: string): Promise<{ record: CommentRecord; etag: string | undefined } | null> {
  const found = await store.getWithMetadata(recordKey(page, id), { type: 'text' });
  if (!found) return null;
  const parsed = commentRecordSchema.safeParse(JSON.parse(found.data));
  if (!parsed.success) throw new Error(`Comment ${recordKey(page, id)} is not a comment record: ${parsed.error.issues[0]?.message}`);
  return { record: parsed.data, etag: found.etag };
}

/**
 * Stores a new comment. The marker goes first: if the record write then fails, the caller answers 503
 * and nothing was acknowledged; a stray marker is harmless. Only after both writes is the comment safe.
 */
export async function saveComment(store: Store, record: CommentRecord): Promise<CommentRecord> {
  for (let attempt = 0; ; attempt++) {
    await store.set(markerKey(record.status, record.page, record.id), '');
    const { modified } = await store.setJSON(recordKey(record.page, record.id), record, { onlyIfNew: true });
    if (modified) return record;
    // Same millisecond and same 48 random bits: practically never, but never overwrite a comment.
    if (attempt >= 3) throw new Error(`Could not find a free key for a comment on page ${record.page}.`);
    record = { ...record, id: timeOrderedKey() };
  }
}

/** Every marker of a state (for one page, or site-wide for the moderation queue), oldest first per page. */
export async function listMarkers(store: Store, status: CommentStatus, page?: string): Promise<{ page: string; id: string }[]> {
  const prefix = page ? `${status}/${page}/` : `${status}/`;
  const found: { page: string; id: string }[] = [];
  for await (const { blobs } of store.list({ prefix, paginate: true })) {
    for (const { key } of blobs) {
      const [, markerPage, id] = key.split('/');
      if (markerPage && id) found.push({ page: markerPage, id });
    }
  }
  return found.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** Reads the records behind markers, keeping those really in `status` and clearing old strays. */
export async function readMarked(store: Store, status: CommentStatus, marked: { page: string; id: string }[], now = Date.now()): Promise<CommentRecord[]> {
  const records = await Promise.all(
    marked.map(async ({ page, id }) => {
      const found = await readRecord(store, page, id);
      if (found?.record.status === status) return found.record;
      if (now - Number(id.split('-')[0]) > STRAY_AFTER_MS) await store.delete(markerKey(status, page, id));
      return null;
    }),
  );
  return records.filter((r): r is CommentRecord => r !== null);
}

/**
 * Approves a pending comment: the approved marker, then the record (only if nobody changed it meanwhile),
 * then the pending marker goes. Each step leaves a state the readers above already handle.
 */
export async function approveComment(store: Store, page: string, id: string): Promise<CommentRecord | null> {
  const found = await readRecord(store, page, id);
  if (!found) return null;
  if (found.record.status === 'approved') return found.record;
  const approved: CommentRecord = { ...found.record, status: 'approved', heldBecause: null };
  await store.set(markerKey('approved', page, id), '');
  const write = found.etag
    ? await store.setJSON(recordKey(page, id), approved, { onlyIfMatch: found.etag })
    : await store.setJSON(recordKey(page, id), approved);
  if (!write.modified) throw new Error(`Comment ${recordKey(page, id)} changed while it was being approved; try again.`);
  await store.delete(markerKey('pending', page, id));
  return approved;
}

/** Removes a comment (rejecting a pending one, or taking down an approved one): record first, then markers. */
export async function deleteComment(store: Store, page: string, id: string): Promise<boolean> {
  const found = await readRecord(store, page, id);
  if (!found) return false;
  await store.delete(recordKey(page, id));
  await Promise.all([store.delete(markerKey('approved', page, id)), store.delete(markerKey('pending', page, id))]);
  return true;
}

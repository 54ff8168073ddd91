/** A stored comment: the one shape written to Blobs, and the views of it each audience may see. */
import { z } from 'zod';
import { renderCommentHtml } from './text.ts';

export const commentRecordSchema = z.object({
  /** `<13-digit ms timestamp>-<random hex>`: unique, and sorting ids sorts by time. */
  id: z.string(),
  /** The Wagtail page id the comment is on. */
  page: z.string(),
  name: z.string(),
  /** Only moderators ever see it. */
  email: z.string().nullable(),
  /** Plain text as cleaned on the way in; rendered to HTML only on the way out. */
  body: z.string(),
  createdAt: z.string(),
  status: z.enum(['pending', 'approved']),
  /** Why a comment waits despite post-moderation (too many links), for the moderator. */
  heldBecause: z.string().nullable().default(null),
});
export type CommentRecord = z.infer<typeof commentRecordSchema>;
export type CommentStatus = CommentRecord['status'];

/** What readers get: never the email address. */
export interface PublicComment {
  id: string;
  name: string;
  createdAt: string;
  body: string;
  html: string;
}

export function publicComment(record: CommentRecord): PublicComment {
  return { id: record.id, name: record.name, createdAt: record.createdAt, body: record.body, html: renderCommentHtml(record.body) };
}

/** What moderators get: everything, plus the page it is on. */
export interface ModeratedComment extends PublicComment {
  page: string;
  pageUrl: string | null;
  pageTitle: string | null;
  email: string | null;
  status: CommentStatus;
  heldBecause: string | null;
}

/**
 * A comment submission checked field by field. Every problem is reported at once, under the field's own
 * name, in words a visitor can act on; the limits are the form's own (`limits.ts`), so the browser and
 * the server refuse exactly the same things.
 */
import {
  COMMENT_BODY_MAX,
  COMMENT_EMAIL_MAX,
  COMMENT_EMAIL_PATTERN,
  COMMENT_NAME_MAX,
} from '../../../src/components/comments/limits.ts';
import { HttpError } from '../http.ts';
import { cleanLine, cleanText } from './text.ts';

export interface Submission {
  page: string;
  name: string;
  email: string | null;
  body: string;
}

/** Page ids are Wagtail's integer ids; the pattern also keeps storage keys free of `/` and `..`. */
export const PAGE_ID = /^[A-Za-z0-9_-]{1,64}$/;

export function validateSubmission(input: Record<string, string | undefined>): Submission {
  const fields: Record<string, string> = {};
  const page = (input.page ?? '').trim();
  const name = cleanLine(input.name ?? '');
  const email = (input.email ?? '').trim();
  const body = cleanText(input.body ?? '');

  if (!page) fields.page = 'The page to comment on is missing.';
  else if (!PAGE_ID.test(page)) fields.page = 'The page id is not valid.';

  if (!name) fields.name = 'Please enter your name.';
  else if (name.length > COMMENT_NAME_MAX) fields.name = `Please keep your name under ${COMMENT_NAME_MAX + 1} characters.`;

  if (email.length > COMMENT_EMAIL_MAX) fields.email = `An email address has at most ${COMMENT_EMAIL_MAX} characters.`;
  else if (email && !COMMENT_EMAIL_PATTERN.test(email)) fields.email = 'Please enter a valid email address, or leave it empty.';

  if (!body) fields.body = 'Please write a comment.';
  else if (body.length > COMMENT_BODY_MAX) {
    fields.body = `Your comment is ${body.length} characters long; the limit is ${COMMENT_BODY_MAX}.`;
  }

  // The honeypot: hidden from people and screen readers, filled in by form-spamming bots.
  if ((input.website ?? '').trim()) fields.website = 'Leave this field empty.';

  if (Object.keys(fields).length > 0) {
    throw new HttpError(400, 'Some fields need attention.', { fields });
  }
  return { page, name, email: email || null, body };
}

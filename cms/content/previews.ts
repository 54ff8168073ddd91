/**
 * Preview tokens as wagtail-headless-preview issues them: the editor's "Preview" signs an identifier of
 * the page with Django's `TimestampSigner(salt="headlesspreview.token")` (`id=12:<base62 time>:<signature>`)
 * and stores a `PagePreview` row (token, content type, the revision as JSON) that grapple's
 * `page(token:)` later returns. wagtail-headless-preview deletes rows older than a day; here a token
 * expires after `ttlSeconds` (default an hour), after which it answers like a deleted row.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { PageRecord } from './types.ts';

export interface PreviewOptions {
  /**
   * The site's preview route: wagtail-headless-preview's `CLIENT_URLS["default"]`. Preview URLs are
   * `<clientUrl>?content_type=<app_label>.<model>&token=<token>`. Default `http://localhost:4321/preview`.
   */
  clientUrl?: string;
  /** Seconds a token stays valid after it is issued. Default 3600. */
  ttlSeconds?: number;
  /** The key tokens are signed with (Django's SECRET_KEY). A fixed default keeps tokens valid across restarts of a CMS. */
  secret?: string;
}

/** What issuing a token answers: the token and the URL the editor is sent to. */
export interface PreviewLink {
  token: string;
  /** `<clientUrl>?content_type=journal.articlepage&token=...` */
  url: string;
  /** wagtail-headless-preview's `get_content_type_str()`: `app_label.modelname`, lower case. */
  contentType: string;
  /** ISO time after which the token no longer resolves. */
  expiresAt: string;
}

/** Django's `django.core.signing.BadSignature`; its message is what grapple shows in `errors`. */
export class BadSignature extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BadSignature';
  }
}

export const DEFAULT_PREVIEW_CLIENT_URL = 'http://localhost:4321/preview';
export const DEFAULT_PREVIEW_TTL_SECONDS = 3600;
const SALT = 'headlesspreview.token';
const B62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

function base62(n: number): string {
  let out = '';
  let rest = Math.floor(n);
  do {
    out = B62[rest % 62] + out;
    rest = Math.floor(rest / 62);
  } while (rest > 0);
  return out;
}

interface StoredPreview {
  /** The GraphQL type name of the previewed page's model. */
  type: string;
  page: PageRecord;
  expires: number;
}

/** Checks preview options; throws a RangeError naming the option at fault. */
export function checkPreviewOptions(options: PreviewOptions): void {
  if (options.clientUrl !== undefined && !/^https?:\/\//.test(options.clientUrl)) {
    throw new RangeError(`preview.clientUrl must be an absolute http(s) URL (the site's preview route), got "${options.clientUrl}".`);
  }
  if (options.clientUrl !== undefined && !URL.canParse(options.clientUrl)) {
    throw new RangeError(`preview.clientUrl "${options.clientUrl}" is not a valid URL.`);
  }
  if (options.ttlSeconds !== undefined && !(options.ttlSeconds > 0 && Number.isFinite(options.ttlSeconds))) {
    throw new RangeError(`preview.ttlSeconds must be a positive number of seconds, got ${options.ttlSeconds}.`);
  }
  if (options.secret !== undefined && options.secret === '') throw new RangeError('preview.secret must not be empty.');
}

/** The `PagePreview` table and the signer, one per content store. */
export class PreviewTokens {
  readonly clientUrl: string;
  readonly ttlSeconds: number;
  readonly #key: Buffer;
  readonly #rows = new Map<string, StoredPreview>();

  constructor(options: PreviewOptions = {}) {
    checkPreviewOptions(options);
    this.clientUrl = options.clientUrl ?? DEFAULT_PREVIEW_CLIENT_URL;
    this.ttlSeconds = options.ttlSeconds ?? DEFAULT_PREVIEW_TTL_SECONDS;
    // Django derives the signing key from the salt and SECRET_KEY the same way in spirit.
    this.#key = createHash('sha256').update(`${SALT}signer${options.secret ?? 'demo-cms-preview-secret'}`).digest();
  }

  #signature(value: string): string {
    return createHmac('sha256', this.#key).update(value).digest('base64url');
  }

  /** `TimestampSigner.sign(value)`: `value:<base62 unix seconds>:<signature>`. */
  sign(value: string, now = Date.now()): string {
    const stamped = `${value}:${base62(now / 1000)}`;
    return `${stamped}:${this.#signature(stamped)}`;
  }

  /** `TimestampSigner.unsign(token)` without `max_age` (wagtail-headless-preview passes none): the value, or BadSignature. */
  unsign(token: string): string {
    const cut = token.lastIndexOf(':');
    if (cut < 0) throw new BadSignature('No ":" found in value');
    const stamped = token.slice(0, cut);
    const signature = token.slice(cut + 1);
    const expected = Buffer.from(this.#signature(stamped));
    const given = Buffer.from(signature);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      throw new BadSignature(`Signature "${signature}" does not match`);
    }
    const timeCut = stamped.lastIndexOf(':');
    if (timeCut < 0) throw new BadSignature('No ":" found in value');
    return stamped.slice(0, timeCut);
  }

  /**
   * `PagePreview.objects.update_or_create(token=...)` after `garbage_collect()`: keeps a snapshot of the
   * revision (later edits do not change what a token shows, as with the JSON row).
   */
  save(token: string, page: PageRecord, ttlSeconds = this.ttlSeconds, now = Date.now()): number {
    for (const [key, row] of this.#rows) if (row.expires <= now) this.#rows.delete(key);
    const expires = now + ttlSeconds * 1000;
    this.#rows.set(token, { type: page.type, page, expires });
    return expires;
  }

  /** `PagePreview.objects.get(content_type=..., token=...).as_page()`: undefined when missing, expired or of another type. */
  get(token: string, type: string, now = Date.now()): PageRecord | undefined {
    const row = this.#rows.get(token);
    if (!row || row.type !== type) return undefined;
    if (row.expires <= now) {
      this.#rows.delete(token);
      return undefined;
    }
    return row.page;
  }

  /** `get_preview_url()`: the client URL with `content_type` and `token`, encoded like Django's `urlencode`. */
  url(contentType: string, token: string): string {
    const url = new URL(this.clientUrl);
    url.searchParams.set('content_type', contentType);
    url.searchParams.set('token', token);
    return url.toString();
  }
}

/**
 * Errors of the sync layer. Each message says what happened, why, and what to do, and is formatted where
 * it is thrown, so a failed build prints one readable paragraph instead of a stack of causes.
 */

export class WagtailError extends Error {
  override name = 'WagtailError';
}

/** A setting is missing or invalid. Names both the environment variable and the loader option. */
export class WagtailConfigError extends WagtailError {
  override name = 'WagtailConfigError';
}

export interface RequestFailure {
  /** The GraphQL endpoint. */
  endpoint: string;
  /** The GraphQL operation name (e.g. `WagtailPageList`). */
  operation: string;
  /** HTTP status, when the server answered. */
  status?: number;
  /** How many attempts were made before giving up. */
  attempts: number;
}

/** The CMS could not be reached or kept answering with a retryable failure, or answered with a hard error. */
export class CmsRequestError extends WagtailError {
  override name = 'CmsRequestError';
  readonly endpoint: string;
  readonly operation: string;
  readonly status: number | undefined;
  readonly attempts: number;

  constructor(failure: RequestFailure, reason: string, options?: { cause?: unknown }) {
    const status = failure.status === undefined ? 'no HTTP response' : `HTTP ${failure.status}`;
    const tries = failure.attempts === 1 ? '1 attempt' : `${failure.attempts} attempts`;
    super(
      `The Wagtail GraphQL request ${failure.operation} to ${failure.endpoint} failed (${status}, ${tries}): ${reason}`,
      options,
    );
    this.endpoint = failure.endpoint;
    this.operation = failure.operation;
    this.status = failure.status;
    this.attempts = failure.attempts;
  }
}

/** One page could not be fetched or stored; the build stops rather than deploy a site without it. */
export class PageSyncError extends WagtailError {
  override name = 'PageSyncError';
  readonly pageId: string;
  readonly pageUrl: string | null;

  constructor(page: { id: string; url: string | null }, reason: string, options?: { cause?: unknown }) {
    super(
      `Wagtail page ${page.id} (${page.url ?? 'no url'}) could not be synced: ${reason} ` +
        'Fix the page in Wagtail (or the CMS) and rebuild; nothing was deployed.',
      options,
    );
    this.pageId = page.id;
    this.pageUrl = page.url;
  }
}

/** A response did not have the shape grapple gives: usually a different server, or a proxy's error page. */
export class CmsResponseError extends WagtailError {
  override name = 'CmsResponseError';
}

/** The message of any thrown value, for composing sentences. */
export function describe(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}

/**
 * Signed webhooks after publish, unpublish, delete and move, sent the way the Wagtail-side module
 * (integrations/wagtail/wagtail_netlify_webhook/sender.py) sends them, so the site's webhook function can
 * be exercised end to end without a Python stack:
 *
 *   POST <url>
 *   Content-Type: application/json
 *   X-Wagtail-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>
 *   {"event":"page_published","page":{"id":12,"url":"/journal/x/","title":"...","contentType":"journal.ArticlePage"},"sentAt":"..."}
 *
 * Deliveries run in the background, concurrently (see `send`), and never fail the content change that
 * caused them. A network error, a timeout, 429 or 5xx is retried (`retries`, backoff doubling from
 * `retryDelayMs` with jitter, at least a `Retry-After`); each attempt has its own `sentAt`, timestamp
 * and signature, since the receiver remembers signatures to refuse replays. 2xx is delivered, 409 a
 * duplicate (the receiver had it), any other answer (3xx, 4xx) rejected without retry.
 */
import { createHmac } from 'node:crypto';
import type { PageEvent, PageEventName } from './content/types.ts';

export const WEBHOOK_SIGNATURE_HEADER = 'X-Wagtail-Signature';

/** The `X-Wagtail-Signature` value for a raw body sent at `t` (unix seconds): `t=<t>,v1=<hex HMAC-SHA256>`. */
export function signWebhook(secret: string, body: string, t: number): string {
  const v1 = createHmac('sha256', secret).update(`${t}.${body}`).digest('hex');
  return `t=${t},v1=${v1}`;
}

/** The JSON body of one attempt. */
export function webhookBody(event: PageEvent, sentAt: Date): string {
  const { event: name, page, oldUrl } = event;
  const json = JSON.stringify({
    event: name,
    page: { id: page.id, url: page.url, title: page.title, contentType: page.contentType },
    sentAt: sentAt.toISOString(),
    ...(name === 'page_moved' ? { oldUrl: oldUrl ?? null } : {}),
  });
  // ASCII only, like the Python module's json.dumps(ensure_ascii=True): the signed bytes are the same
  // however a receiver decodes them.
  return json.replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export interface WebhookOptions {
  /** Where deliveries are POSTed, e.g. `http://localhost:8888/api/wagtail-webhook`. */
  url: string;
  /** The shared secret the receiver verifies the HMAC with. */
  secret: string;
  /** Retries after a network error, timeout, 429 or 5xx. Default 2. */
  retries?: number;
  /** Wait before the first retry, doubled for each next one, times a jitter of 0.5..1 (ms). Default 1000. */
  retryDelayMs?: number;
  /** Time limit of one attempt, answer included (ms). Default 15 000 (the receiver may hold a delivery ~8 s). */
  timeoutMs?: number;
  /** Told about each delivery that finally failed (the CLI writes it to stderr). */
  log?: (message: string) => void;
}

export interface WebhookAttempt {
  /** ISO time the attempt was sent (the body's `sentAt`). */
  at: string;
  /** The receiver's HTTP status; null after a network error or timeout. */
  status: number | null;
  error?: string;
  /** The `X-Wagtail-Signature` header sent. */
  signature: string;
  /** The raw body sent. */
  body: string;
}

export interface WebhookDelivery {
  /** 1, 2, ... in the order the events happened. */
  id: number;
  event: PageEventName;
  pageId: number;
  url: string;
  /**
   * `delivered` (2xx), `duplicate` (409: the receiver had it), `rejected` (any other 3xx/4xx, not retried),
   * `failed` (retries used up, or a Retry-After over a minute), `cancelled` (the CMS closed first).
   */
  state: 'pending' | 'delivered' | 'duplicate' | 'rejected' | 'failed' | 'cancelled';
  attempts: WebhookAttempt[];
}

/** Checks webhook options; throws a RangeError naming the option at fault. */
export function checkWebhookOptions(options: WebhookOptions): void {
  if (typeof options.url !== 'string' || !/^https?:\/\//.test(options.url) || !URL.canParse(options.url)) {
    throw new RangeError(`webhook.url must be an absolute http(s) URL, got "${String(options.url)}".`);
  }
  if (typeof options.secret !== 'string' || options.secret === '') {
    throw new RangeError('webhook.secret must be set: the receiver verifies each delivery with it.');
  }
  for (const name of ['retries', 'retryDelayMs', 'timeoutMs'] as const) {
    const value = options[name];
    if (value !== undefined && !(Number.isFinite(value) && value >= 0)) throw new RangeError(`webhook.${name} must be a number >= 0, got ${value}.`);
  }
}

const KEEP_DELIVERIES = 1000;
const DEFAULT_RETRIES = 2;
const DEFAULT_RETRY_DELAY_MS = 1000;
const DEFAULT_TIMEOUT_MS = 15_000;
/** A longer Retry-After is not waited for (as in the Python module). */
const MAX_RETRY_AFTER_S = 60;

export class WebhookSender {
  #options: WebhookOptions | null = null;
  #deliveries: WebhookDelivery[] = [];
  #nextId = 1;
  #inFlight = new Set<Promise<void>>();
  #closed = new AbortController();

  constructor(options: WebhookOptions | null = null) {
    this.configure(options);
  }

  /** The current target (without the secret), or null when webhooks are off. */
  get target(): { url: string; retries: number; retryDelayMs: number; timeoutMs: number } | null {
    const o = this.#options;
    return o && { url: o.url, retries: o.retries ?? DEFAULT_RETRIES, retryDelayMs: o.retryDelayMs ?? DEFAULT_RETRY_DELAY_MS, timeoutMs: o.timeoutMs ?? DEFAULT_TIMEOUT_MS };
  }

  /** Sets or (null) removes the target; deliveries already queued keep the target they were queued with. */
  configure(options: WebhookOptions | null): void {
    if (options) checkWebhookOptions(options);
    this.#options = options && { ...options };
  }

  /** Queues a delivery of the event; returns at once. Does nothing while webhooks are off. */
  send(event: PageEvent): void {
    const options = this.#options;
    if (!options || this.#closed.signal.aborted) return;
    const delivery: WebhookDelivery = { id: this.#nextId++, event: event.event, pageId: event.page.id, url: options.url, state: 'pending', attempts: [] };
    this.#deliveries.push(delivery);
    if (this.#deliveries.length > KEEP_DELIVERIES) {
      const drop = this.#deliveries.findIndex((d) => d.state !== 'pending');
      if (drop >= 0) this.#deliveries.splice(drop, 1);
    }
    // Concurrently, not one after another: the site's webhook holds the first delivery of a burst for its
    // coalescing window, and events sent in turn would each open a window (and a build) of their own.
    const sending: Promise<void> = this.#deliver(delivery, event, options)
      .catch(() => {
        delivery.state = 'failed';
      })
      .finally(() => this.#inFlight.delete(sending));
    this.#inFlight.add(sending);
  }

  /** Every delivery so far (the last thousand), oldest first, copied. */
  deliveries(): WebhookDelivery[] {
    return structuredClone(this.#deliveries);
  }

  /** Waits until every queued delivery has been delivered, has failed or was cancelled. */
  async flush(): Promise<WebhookDelivery[]> {
    while (this.#inFlight.size > 0) await Promise.all(this.#inFlight);
    return this.deliveries();
  }

  /** Cancels queued deliveries and retries and aborts the one in flight (a closing CMS sends nothing more). */
  close(): void {
    this.#closed.abort();
  }

  async #deliver(delivery: WebhookDelivery, event: PageEvent, options: WebhookOptions): Promise<void> {
    const retries = options.retries ?? DEFAULT_RETRIES;
    const signal = this.#closed.signal;
    for (let attempt = 0; attempt <= retries; attempt++) {
      let retryAfterS: number | null = null;
      if (signal.aborted) {
        delivery.state = 'cancelled';
        return;
      }
      const sentAt = new Date();
      const body = webhookBody(event, sentAt);
      const signature = signWebhook(options.secret, body, Math.floor(sentAt.getTime() / 1000));
      const record: WebhookAttempt = { at: sentAt.toISOString(), status: null, signature, body };
      delivery.attempts.push(record);
      try {
        const response = await fetch(options.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', [WEBHOOK_SIGNATURE_HEADER]: signature, 'user-agent': 'wagtail-netlify-webhook/1.0 (demo CMS)' },
          body,
          // A redirected POST would be replayed as a GET without its body: a redirect is an answer.
          redirect: 'manual',
          signal: AbortSignal.any([signal, AbortSignal.timeout(options.timeoutMs ?? DEFAULT_TIMEOUT_MS)]),
        });
        record.status = response.status;
        const detail = (await response.text().catch(() => '')).trim().slice(0, 300);
        if (response.status >= 200 && response.status < 300) {
          delivery.state = 'delivered';
          return;
        }
        if (response.status === 409) {
          delivery.state = 'duplicate';
          return;
        }
        record.error = `HTTP ${response.status}${detail ? `: ${detail}` : ''}`;
        if (response.status !== 429 && response.status < 500) {
          delivery.state = 'rejected';
          this.#report(delivery, options, 'was refused');
          return;
        }
        const retryAfter = response.headers.get('retry-after')?.trim() ?? '';
        if (/^\d+$/.test(retryAfter)) retryAfterS = Number(retryAfter);
      } catch (error) {
        record.error = error instanceof Error ? (error.cause instanceof Error ? `${error.message}: ${error.cause.message}` : error.message) : String(error);
      }
      if (attempt === retries || signal.aborted) break;
      if (retryAfterS !== null && retryAfterS > MAX_RETRY_AFTER_S) break;
      const backoff = (options.retryDelayMs ?? DEFAULT_RETRY_DELAY_MS) * 2 ** attempt * (0.5 + Math.random() / 2);
      await sleep(Math.max(backoff, (retryAfterS ?? 0) * 1000), signal);
    }
    if (signal.aborted) {
      delivery.state = 'cancelled';
      return;
    }
    delivery.state = 'failed';
    this.#report(delivery, options, `failed after ${delivery.attempts.length} attempt(s)`);
  }

  #report(delivery: WebhookDelivery, options: WebhookOptions, outcome: string): void {
    const last = delivery.attempts.at(-1);
    options.log?.(`Webhook ${delivery.event} of page ${delivery.pageId} to ${delivery.url} ${outcome}: ${last?.error ?? 'no answer'}.`);
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}

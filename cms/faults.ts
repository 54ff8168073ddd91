/**
 * Fault injection: what a client meets in production besides success. Kinds:
 * - `500`, `502`: an HTML error page from Django or the proxy;
 * - `429`: rate limited, with `Retry-After: 1`;
 * - `timeout`: the response is held (until `timeoutMs`, then 504) or until the client gives up;
 * - `truncate`: status 200 and only the first half of the JSON body;
 * - `graphql`: status 200 with the first page of the answer failing: `errors` with its `path`, the page
 *   (or, per GraphQL null propagation, its nearest nullable parent) null.
 * Faults are drawn deterministically from the seed and a counter of GraphQL requests, after any faults
 * queued with `next`. `brokenPages` always fail: their lookup, and their content (StreamField, rich text)
 * wherever it is resolved, while listing their id/url still works, so a client can name the broken page.
 */
import { GraphQLError } from 'graphql';
import type { PageRecord } from './content/types.ts';
import { unitHash } from './content/random.ts';
import type { FaultKind, FaultOptions } from './options.ts';
import { FAULT_KINDS, checkFaultKinds } from './options.ts';

export class FaultInjector {
  #rate = 0;
  #kinds: FaultKind[] = [...FAULT_KINDS];
  #seed: number | string = 1;
  #broken = new Set<number>();
  #queue: FaultKind[] = [];
  #timeoutMs = 60_000;
  #counter = 0;

  constructor(options: FaultOptions = {}) {
    this.set(options);
  }

  /** Merges new settings; `next` faults are appended to the queue. */
  set(options: FaultOptions): void {
    if (options.rate !== undefined) {
      if (!(options.rate >= 0 && options.rate <= 1)) throw new RangeError('The fault rate must be between 0 and 1.');
      this.#rate = options.rate;
    }
    if (options.kinds !== undefined) {
      checkFaultKinds(options.kinds);
      this.#kinds = options.kinds.length > 0 ? [...options.kinds] : [...FAULT_KINDS];
    }
    if (options.seed !== undefined) {
      this.#seed = options.seed;
      this.#counter = 0;
    }
    if (options.brokenPages !== undefined) this.#broken = new Set(options.brokenPages);
    if (options.next !== undefined) {
      checkFaultKinds(options.next);
      this.#queue.push(...options.next);
    }
    if (options.timeoutMs !== undefined) this.#timeoutMs = options.timeoutMs;
  }

  get options(): Required<FaultOptions> {
    return {
      rate: this.#rate,
      kinds: [...this.#kinds],
      seed: this.#seed,
      brokenPages: [...this.#broken],
      next: [...this.#queue],
      timeoutMs: this.#timeoutMs,
    };
  }

  get timeoutMs(): number {
    return this.#timeoutMs;
  }

  /** The fault for the next GraphQL request, if any. */
  decide(): FaultKind | null {
    const n = ++this.#counter;
    const queued = this.#queue.shift();
    if (queued) return queued;
    if (this.#rate <= 0 || unitHash(this.#seed, n, 'rate') >= this.#rate) return null;
    return this.#kinds[Math.floor(unitHash(this.#seed, n, 'kind') * this.#kinds.length)] ?? null;
  }

  /** Per-request page checks: the `graphql` fault fires once, on the first page resolved. */
  forRequest(injectGraphqlError: boolean, onBroken: () => void): RequestFaults {
    return new RequestFaults(injectGraphqlError, this.#broken, onBroken);
  }
}

export class RequestFaults {
  #pending: boolean;
  readonly #broken: ReadonlySet<number>;
  readonly #onBroken: () => void;

  constructor(pending: boolean, broken: ReadonlySet<number>, onBroken: () => void) {
    this.#pending = pending;
    this.#broken = broken;
    this.#onBroken = onBroken;
  }

  lookup(page: PageRecord): void {
    if (this.#broken.has(page.id)) throw this.#brokenError(page);
    const error = this.item(page);
    if (error) throw error;
  }

  item(page: PageRecord): Error | null {
    if (!this.#pending) return null;
    this.#pending = false;
    return new GraphQLError(
      `OperationalError: could not load page ${page.id} ("${page.title}"): server closed the connection unexpectedly`,
    );
  }

  content(page: PageRecord): void {
    if (this.#broken.has(page.id)) throw this.#brokenError(page);
  }

  #brokenError(page: PageRecord): GraphQLError {
    this.#onBroken();
    return new GraphQLError(
      `Page ${page.id} ("${page.title}") cannot be rendered: StreamValue references block type that no longer exists (broken page)`,
    );
  }
}

/**
 * Downloads one source image from the CMS: bounded concurrency, a per-attempt timeout, and a few retries
 * with backoff for failures that may pass (network errors, timeouts, 408/429/5xx). A 404 is final.
 */
import { imageState } from './state.ts';

/** A download that failed for good; `reason` is what the build warning shows. */
export class SourceError extends Error {
  readonly reason: string;
  constructor(reason: string) {
    super(reason);
    this.name = 'SourceError';
    this.reason = reason;
  }
}

class RetryableError extends SourceError {}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Full-jitter exponential backoff: concurrent retries against a struggling CMS do not arrive in lock-step. */
const backoff = (attempt: number) => Math.round(Math.random() * 300 * 2 ** attempt);

const retryableStatus = (status: number) => status === 408 || status === 429 || status >= 500;

/** A thrown fetch error (before or during the body) as a retryable failure with a readable reason. */
function networkFailure(error: unknown, timeoutMs: number): RetryableError {
  if (error instanceof DOMException && error.name === 'TimeoutError') {
    return new RetryableError(`timed out after ${timeoutMs} ms`);
  }
  const code = (error as { cause?: { code?: string } }).cause?.code;
  return new RetryableError(`network error${code ? ` (${code})` : ''}`);
}

async function attempt(url: string, timeoutMs: number, maxBytes: number): Promise<Buffer> {
  // One signal for headers AND body: a server that stalls mid-transfer times out too.
  const signal = AbortSignal.timeout(timeoutMs);
  let response: Response;
  try {
    response = await fetch(url, { signal });
  } catch (error) {
    throw networkFailure(error, timeoutMs);
  }
  if (!response.ok) {
    await response.body?.cancel();
    const reason = `HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`;
    throw retryableStatus(response.status) ? new RetryableError(reason) : new SourceError(reason);
  }
  const declared = Number(response.headers.get('content-length') ?? 0);
  if (declared > maxBytes) {
    await response.body?.cancel();
    throw new SourceError(`too large (${declared} bytes, limit ${maxBytes})`);
  }
  // Counted while reading too: a chunked response declares no length, and must not be buffered whole.
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for await (const chunk of response.body ?? []) {
      size += chunk.byteLength;
      if (size > maxBytes) break; // leaving the loop cancels the stream
      chunks.push(chunk);
    }
  } catch (error) {
    throw networkFailure(error, timeoutMs);
  }
  if (size > maxBytes) throw new SourceError(`too large (over ${maxBytes} bytes)`);
  return Buffer.concat(chunks, size);
}

/** The source bytes, or a `SourceError`. Each call is one download: callers dedupe (see `process.ts`). */
export function fetchSource(url: string): Promise<Buffer> {
  const state = imageState();
  const { retries, timeoutMs, maxSourceBytes } = state.config;
  // The limit wraps the whole retry loop: a retrying download keeps its slot, so backoff really backs off.
  return state.downloadLimit(async () => {
    for (let n = 0; ; n++) {
      try {
        const bytes = await attempt(url, timeoutMs, maxSourceBytes);
        state.stats.downloads++;
        state.stats.bytesDownloaded += bytes.byteLength;
        return bytes;
      } catch (error) {
        if (!(error instanceof RetryableError) || n >= retries) {
          if (error instanceof SourceError) {
            throw n > 0 ? new SourceError(`${error.reason} (after ${n + 1} attempts)`) : error;
          }
          throw new SourceError(String(error));
        }
        await sleep(backoff(n));
      }
    }
  });
}

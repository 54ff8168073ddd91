/**
 * The small HTTP vocabulary every function shares: JSON answers, the `{ error, fields }` error shape,
 * bounded body reading and the caller's identity. Handlers stay Web-standard `Request → Response`.
 */

/** What a handler needs from Netlify's context; Netlify's own `Context` satisfies it, and tests pass a literal. */
export interface RequestContext {
  ip?: string;
  deploy?: { context?: string };
  params?: Record<string, string>;
}

/** An answer that went wrong on purpose: the status and the `{ error, fields }` body the client gets. */
export class HttpError extends Error {
  readonly status: number;
  readonly fields: Record<string, string> | undefined;
  readonly headers: Record<string, string>;
  constructor(status: number, message: string, options: { fields?: Record<string, string>; headers?: Record<string, string> } = {}) {
    super(message);
    this.name = 'HttpError';
    this.status = status;
    this.fields = options.fields;
    this.headers = options.headers ?? {};
  }
}

export function json(body: unknown, init: { status?: number; headers?: Record<string, string> } = {}): Response {
  return new Response(JSON.stringify(body), {
    status: init.status ?? 200,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...init.headers },
  });
}

/**
 * Turns whatever a handler threw into an answer. An `HttpError` is the client's to read; anything else is
 * ours: logged with the request, answered 503 so clients retry, since every such failure here is storage
 * or configuration, never the request.
 */
export function errorResponse(error: unknown, request: Request): Response {
  if (error instanceof HttpError) {
    const body = error.fields ? { error: error.message, fields: error.fields } : { error: error.message };
    return json(body, { status: error.status, headers: error.headers });
  }
  logFailure(error, request);
  return json(
    { error: 'The service is temporarily unavailable. Nothing was lost; please try again in a moment.' },
    { status: 503, headers: { 'retry-after': '5' } },
  );
}

/** Logs a failure that is ours, not the client's, with the request it broke. */
export function logFailure(error: unknown, request: Request): void {
  console.error(`${request.method} ${new URL(request.url).pathname} failed:`, error);
}

export function allowMethods(request: Request, methods: readonly string[]): void {
  if (!methods.includes(request.method)) {
    throw new HttpError(405, `${request.method} is not supported here; use ${methods.join(' or ')}.`, {
      headers: { allow: methods.join(', ') },
    });
  }
}

/** Reads at most `limit` bytes of the body: a declared or actual larger body is refused with 413. */
export async function readBody(request: Request, limit: number): Promise<string> {
  const tooLarge = () => new HttpError(413, `The request body is larger than ${limit} bytes.`);
  const declared = Number(request.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > limit) throw tooLarge();
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  return new TextDecoder().decode(Buffer.concat(chunks));
}

export type BodyFormat = 'json' | 'form';

/** The body's format from its Content-Type; anything but JSON or a classic form post is 415. */
export function bodyFormat(request: Request): BodyFormat {
  const type = (request.headers.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase();
  if (type === 'application/json') return 'json';
  if (type === 'application/x-www-form-urlencoded' || type === 'multipart/form-data') return 'form';
  throw new HttpError(415, `Send the body as application/json or a form post, not ${type || 'an untyped body'}.`);
}

/**
 * Parses a body into string fields. Multipart is read by the platform's parser after the size check;
 * non-string values (files, nested JSON) are dropped, so validation only ever sees strings.
 */
export async function readFields(request: Request, limit: number): Promise<Record<string, string>> {
  const format = bodyFormat(request);
  const contentType = request.headers.get('content-type') ?? '';
  const text = await readBody(request, limit);
  let entries: Iterable<[string, unknown]>;
  if (format === 'json') {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new HttpError(400, 'The body is not valid JSON.');
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      throw new HttpError(400, 'The body must be a JSON object.');
    }
    entries = Object.entries(parsed);
  } else {
    const form = await new Response(text, { headers: { 'content-type': contentType } }).formData().catch(() => {
      throw new HttpError(400, 'The form body could not be read.');
    });
    entries = form.entries();
  }
  const fields: Record<string, string> = {};
  for (const [name, value] of entries) {
    if (typeof value === 'string') fields[name] = value;
    else if (typeof value === 'number') fields[name] = String(value);
  }
  return fields;
}

/** The caller's address: Netlify's context in production, its header behind `netlify dev`/`serve`. */
export function clientAddress(request: Request, context: RequestContext | undefined): string {
  return (
    context?.ip ||
    request.headers.get('x-nf-client-connection-ip') ||
    request.headers.get('x-forwarded-for')?.split(',')[0]?.trim() ||
    'unknown'
  );
}

/** True when the caller asked for HTML (a classic form post from a browser without JavaScript). */
export function wantsHtml(request: Request): boolean {
  const accept = request.headers.get('accept') ?? '';
  return accept.includes('text/html') && !accept.includes('application/json');
}

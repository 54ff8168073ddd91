/** Small node:http helpers shared by the server, media routes and admin API. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { escapeHtml } from './content/text.ts';

export async function readBody(req: IncomingMessage, limit = 5 * 1024 * 1024): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size > limit) throw new Error(`Request body larger than ${limit} bytes.`);
    chunks.push(buf);
  }
  return Buffer.concat(chunks);
}

export function send(
  res: ServerResponse,
  status: number,
  body: string | Buffer,
  headers: Record<string, string> = {},
  head = false,
): void {
  if (res.destroyed) return;
  const data = typeof body === 'string' ? Buffer.from(body) : body;
  res.writeHead(status, { 'content-length': String(data.length), ...headers });
  res.end(head ? undefined : data);
}

export function sendJson(res: ServerResponse, status: number, payload: unknown): void {
  send(res, status, JSON.stringify(payload, null, 2) + '\n', { 'content-type': 'application/json' });
}

/** Django's plain 404 page (also what a missing media file answers). */
export function notFoundPage(path: string): string {
  return `<!doctype html>\n<html lang="en"><head><title>Not Found</title></head><body><h1>Not Found</h1><p>The requested resource was not found on this server: ${escapeHtml(path)}</p></body></html>\n`;
}

export function notFound(res: ServerResponse, path: string): void {
  send(res, 404, notFoundPage(path), { 'content-type': 'text/html; charset=utf-8' });
}

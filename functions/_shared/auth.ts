/** Bearer-token checks for the admin APIs. */
import { createHash, timingSafeEqual } from 'node:crypto';
import { HttpError } from './http.ts';

/**
 * Compares the request's bearer token with `expected` in constant time: both are hashed first, so the
 * comparison takes the same time whatever the lengths and wherever they first differ.
 */
export function requireBearer(request: Request, expected: string | null, variable: string): void {
  if (!expected) {
    throw new HttpError(503, `This API is turned off: set ${variable} in the site's environment to turn it on.`);
  }
  const header = request.headers.get('authorization') ?? '';
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  const given = createHash('sha256').update(match?.[1] ?? '').digest();
  const wanted = createHash('sha256').update(expected).digest();
  if (!match || !timingSafeEqual(given, wanted)) {
    throw new HttpError(401, 'A valid "Authorization: Bearer <token>" header is required.', {
      headers: { 'www-authenticate': 'Bearer realm="comments"' },
    });
  }
}

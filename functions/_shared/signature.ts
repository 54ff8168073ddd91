/**
 * Wagtail's webhook signature: `X-Wagtail-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>`.
 * The timestamp is inside the signed text, so a captured request cannot be replayed later with a new
 * time; within the tolerance, replays are caught by remembering signatures (see the webhook function).
 * Several `v1=` values are accepted so a secret can be rotated without dropping deliveries.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { HttpError } from './http.ts';

export const SIGNATURE_HEADER = 'x-wagtail-signature';
/** How far a delivery's timestamp may be from our clock, either way. */
export const SIGNATURE_TOLERANCE_S = 300;

export function signPayload(secret: string, body: string, t: number): string {
  return createHmac('sha256', secret).update(`${t}.${body}`).digest('hex');
}

/** Checks the header against the raw body; returns the verified signature, or throws 401 saying why. */
export function verifySignature(header: string | null, body: string, secret: string, now = Date.now()): { t: number; signature: string } {
  const refuse = (why: string) => new HttpError(401, `${why} See README "Publish → rebuild" for the signature format.`);
  if (!header) throw refuse(`The ${SIGNATURE_HEADER} header is missing.`);
  let t: number | null = null;
  const signatures: string[] = [];
  for (const part of header.split(',')) {
    const [key, value] = part.trim().split('=', 2);
    if (key === 't' && value && /^\d{1,12}$/.test(value)) t = Number(value);
    else if (key === 'v1' && value && /^[0-9a-f]{64}$/i.test(value)) signatures.push(value.toLowerCase());
  }
  if (t === null || signatures.length === 0) throw refuse(`The ${SIGNATURE_HEADER} header is not "t=<unix seconds>,v1=<hex HMAC-SHA256>".`);
  if (Math.abs(now / 1000 - t) > SIGNATURE_TOLERANCE_S) {
    throw refuse(`The signature's timestamp is more than ${SIGNATURE_TOLERANCE_S / 60} minutes from the server's clock (stale, or a clock is wrong).`);
  }
  const expected = Buffer.from(signPayload(secret, body, t), 'hex');
  const match = signatures.find((s) => timingSafeEqual(Buffer.from(s, 'hex'), expected));
  if (!match) throw refuse('The signature does not match the body and WEBHOOK_SECRET.');
  return { t, signature: match };
}

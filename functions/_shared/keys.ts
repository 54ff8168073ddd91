/** Blobs keys that sort by creation time: a 13-digit millisecond timestamp, then 48 random bits. */
import { randomBytes } from 'node:crypto';

export function timeOrderedKey(now = Date.now()): string {
  return `${String(now).padStart(13, '0')}-${randomBytes(6).toString('hex')}`;
}

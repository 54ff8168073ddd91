/**
 * Deterministic randomness for the demo and synthetic content: the same seed must give the same site,
 * byte for byte, so tests and benchmarks can compare runs.
 */
import { createHash } from 'node:crypto';

/** A seeded PRNG (mulberry32): fast, small state, good enough for content generation. */
export class Random {
  #state: number;

  constructor(seed: number | string) {
    this.#state = typeof seed === 'number' ? seed >>> 0 : hash32(seed);
  }

  /** A float in [0, 1). */
  next(): number {
    this.#state = (this.#state + 0x6d2b79f5) >>> 0;
    let t = this.#state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('Random.pick needs a non-empty list.');
    return items[Math.floor(this.next() * items.length)] as T;
  }

  /** `n` distinct items (fewer when the list is shorter), in random order. */
  sample<T>(items: readonly T[], n: number): T[] {
    const copy = [...items];
    const out: T[] = [];
    while (out.length < n && copy.length > 0) {
      out.push(copy.splice(Math.floor(this.next() * copy.length), 1)[0] as T);
    }
    return out;
  }

  /** A version-4-shaped UUID drawn from this generator (StreamField block ids, translation keys). */
  uuid(): string {
    const word = () => Math.floor(this.next() * 4294967296).toString(16).padStart(8, '0');
    const a = word();
    const b = word();
    const c = word();
    const d = word();
    const variant = (8 + (parseInt(c[0] as string, 16) & 3)).toString(16);
    return `${a}-${b.slice(0, 4)}-4${b.slice(5)}-${variant}${c.slice(1, 4)}-${c.slice(4)}${d}`;
  }

  /** A short lowercase key like Wagtail's rich text `data-block-key` values. */
  blockKey(): string {
    return Math.floor(this.next() * 60466176).toString(36).padStart(5, '0');
  }
}

/** A 32-bit FNV-1a hash: stable across runs and platforms. */
export function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** A float in [0, 1) derived from the given parts only (no state): used where order must not matter. */
export function unitHash(...parts: Array<string | number>): number {
  return hash32(parts.join('\u0000')) / 4294967296;
}

export function sha1(data: string | Buffer): string {
  return createHash('sha1').update(data).digest('hex');
}

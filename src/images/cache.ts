/**
 * The content-addressed variant store: `<sha256(source bytes) first 16 hex>-<width>.<ext>`.
 *
 * Naming by content rather than URL means a re-uploaded image gets new files (no stale variant served
 * under an old name, so `/_img/*` can be cached forever), and identical bytes behind different URLs
 * share files. A file that exists is complete, because files only appear by rename.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';

/** File extensions the store produces, with the Content-Type to serve them under. */
export const contentTypes = {
  webp: 'image/webp',
  jpg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  svg: 'image/svg+xml',
} as const;
export type VariantExt = keyof typeof contentTypes;

/** Only names of this shape are ever served or published (no path traversal through `/_img/`). */
export const variantFilePattern = /^[0-9a-f]{16}-\d{1,5}\.(webp|jpg|png|gif|svg)$/;

export function contentHash(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex').slice(0, 16);
}

export function variantFileName(hash: string, width: number, ext: VariantExt): string {
  return `${hash}-${width}.${ext}`;
}

export function contentTypeOf(fileName: string): string | undefined {
  const ext = fileName.slice(fileName.lastIndexOf('.') + 1);
  return ext in contentTypes ? contentTypes[ext as VariantExt] : undefined;
}

export async function isCached(cacheDir: string, fileName: string): Promise<boolean> {
  try {
    return (await stat(join(cacheDir, fileName))).size > 0;
  } catch {
    return false;
  }
}

/**
 * Writes `fileNames` atomically: `produce` writes one unique temp path per name, in the same directory,
 * then renames publish them. A crashed or concurrent build (two CI jobs on one cache) never exposes a
 * half-written file, and a rename over an existing file is harmless: same name, same content.
 */
export async function writeAtomically(
  cacheDir: string,
  fileNames: readonly string[],
  produce: (tempPaths: string[]) => Promise<unknown>,
): Promise<void> {
  // Every time, not memoised: cheap next to an encode, and survives the cache being wiped mid-session.
  await mkdir(cacheDir, { recursive: true });
  const suffix = `${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  const temps = fileNames.map((name) => join(cacheDir, `${name}.${suffix}`));
  try {
    await produce(temps);
    await Promise.all(fileNames.map((name, i) => rename(temps[i]!, join(cacheDir, name))));
  } catch (error) {
    await Promise.all(temps.map((temp) => rm(temp, { force: true })));
    throw error;
  }
}

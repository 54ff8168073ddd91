/**
 * The page list the build writes for the functions: which pages exist and which take comments. It is the
 * one contract between the two sides: the build writes it with `serializeSitePages`, functions read it.
 */
import { z } from 'zod';
import { BuildDataError, buildDataFile } from './build-data.ts';

export const SITE_PAGES_FILE = 'pages.json';

const sitePageSchema = z.object({
  url: z.string(),
  title: z.string(),
  contentType: z.string(),
  /** Whether the page takes comments (its content type is in `COMMENTS_CONTENT_TYPES`). */
  comments: z.boolean(),
});
export type SitePage = z.infer<typeof sitePageSchema>;

const sitePagesSchema = z.object({ pages: z.record(z.string(), sitePageSchema) });

export function serializeSitePages(pages: ReadonlyMap<string, SitePage>): string {
  return JSON.stringify({ pages: Object.fromEntries(pages) });
}

const load = buildDataFile(SITE_PAGES_FILE, (text, path) => {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new BuildDataError(path, 'is not valid JSON');
  }
  const parsed = sitePagesSchema.safeParse(data);
  if (!parsed.success) throw new BuildDataError(path, `does not hold a page list (${parsed.error.issues[0]?.message})`);
  return new Map(Object.entries(parsed.data.pages));
});

export function sitePage(id: string): SitePage | undefined {
  return load().get(id);
}

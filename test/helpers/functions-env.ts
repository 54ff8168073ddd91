/**
 * The world the functions run in, made locally for tests: a real Netlify Blobs server (the one
 * `netlify dev` runs) on a temporary directory, and a temporary build-data directory with a page list.
 */
import { setEnvironmentContext } from '@netlify/blobs';
import { BlobsServer } from '@netlify/blobs/server';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serializeSitePages, SITE_PAGES_FILE, type SitePage } from '../../functions/_shared/site-pages.ts';

export interface FunctionsEnv {
  blobsDir: string;
  dataDir: string;
  /** Writes the page list the functions read (as the build would). */
  writePages(pages: Record<string, SitePage>): Promise<void>;
  stop(): Promise<void>;
}

export async function startFunctionsEnv(): Promise<FunctionsEnv> {
  const blobsDir = await mkdtemp(join(tmpdir(), 'blobs-'));
  const dataDir = await mkdtemp(join(tmpdir(), 'functions-data-'));
  const token = 'test-token';
  const server = new BlobsServer({ directory: blobsDir, token });
  const { port } = await server.start();
  const url = `http://localhost:${port}`;
  setEnvironmentContext({ siteID: 'test-site', token, edgeURL: url, uncachedEdgeURL: url });
  process.env.FUNCTIONS_DATA_DIR = dataDir;
  return {
    blobsDir,
    dataDir,
    async writePages(pages) {
      await writeFile(join(dataDir, SITE_PAGES_FILE), serializeSitePages(new Map(Object.entries(pages))));
    },
    async stop() {
      await server.stop();
      delete process.env.FUNCTIONS_DATA_DIR;
      await rm(blobsDir, { recursive: true, force: true });
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export const ARTICLE: SitePage = { url: '/journal/first-light/', title: 'First light', contentType: 'journal.ArticlePage', comments: true };
export const ABOUT: SitePage = { url: '/about/', title: 'About', contentType: 'pages.StandardPage', comments: false };

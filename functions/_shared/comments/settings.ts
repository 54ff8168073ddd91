/** Settings and store for one request, so each handler starts from the same two lines. */
import type { Store } from '@netlify/blobs';
import { deployContext, readCommentsSettings, type CommentsSettings } from '../env.ts';
import type { RequestContext } from '../http.ts';
import { commentsStore } from './store.ts';

let settings: CommentsSettings | null = null;

export function commentsSetup(context: RequestContext | undefined): { settings: CommentsSettings; store: Store } {
  settings ??= readCommentsSettings();
  return { settings, store: commentsStore(deployContext(context?.deploy?.context)) };
}

/** For tests that change the environment between cases. */
export function resetCommentsSettings(): void {
  settings = null;
}

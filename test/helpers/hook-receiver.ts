/** A local HTTP server standing in for Netlify's build hook: records every call, answers as told. */
import { createServer } from 'node:http';
import { readBody } from '../../cms/http-util.ts';

export interface HookCall {
  title: string | null;
  body: string;
  /** When the call arrived (performance.now()). */
  at: number;
}

export interface HookReceiver {
  url: string;
  calls: HookCall[];
  /** Statuses to answer with, in order; 200 once they run out. */
  answers: number[];
  close(): Promise<void>;
}

/** `onCall` runs for each call after it is answered (the publish pipeline starts a build there). */
export async function startHookReceiver(onCall?: (call: HookCall) => void): Promise<HookReceiver> {
  const calls: HookCall[] = [];
  const server = createServer(async (request, response) => {
    const body = (await readBody(request)).toString('utf8');
    const call = { title: new URL(request.url ?? '/', 'http://x').searchParams.get('trigger_title'), body, at: performance.now() };
    calls.push(call);
    response.statusCode = receiver.answers.shift() ?? 200;
    response.end();
    onCall?.(call);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const receiver: HookReceiver = {
    url: `http://127.0.0.1:${port}/build_hooks/test-hook`,
    calls,
    answers: [],
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
  return receiver;
}

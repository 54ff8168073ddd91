/** A local HTTP server standing in for Netlify's build hook: records every call, answers as told. */
import { createServer, type IncomingMessage } from 'node:http';

export interface HookCall {
  title: string | null;
  body: string;
}

export interface HookReceiver {
  url: string;
  calls: HookCall[];
  /** Statuses to answer with, in order; 200 once they run out. */
  answers: number[];
  close(): Promise<void>;
}

async function readAll(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export async function startHookReceiver(): Promise<HookReceiver> {
  const calls: HookCall[] = [];
  const server = createServer(async (request, response) => {
    const body = await readAll(request);
    calls.push({ title: new URL(request.url ?? '/', 'http://x').searchParams.get('trigger_title'), body });
    response.statusCode = receiver.answers.shift() ?? 200;
    response.end();
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

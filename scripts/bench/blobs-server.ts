/**
 * A local Netlify Blobs server in its own process (so the bench's clients and handlers do not share its
 * event loop). Prints `{"url": ...}` once listening; stops with the parent.
 *
 *   node scripts/bench/blobs-server.ts <directory> <token>
 */
import { BlobsServer } from '@netlify/blobs/server';

const [directory, token] = process.argv.slice(2);
if (!directory || !token) throw new Error('usage: blobs-server.ts <directory> <token>');
const server = new BlobsServer({ directory, token });
const { port } = await server.start();
process.stdout.write(`${JSON.stringify({ url: `http://127.0.0.1:${port}` })}\n`);
process.on('disconnect', () => process.exit(0));

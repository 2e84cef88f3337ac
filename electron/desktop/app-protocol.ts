/**
 * Electron's `winnow://app` scheme: the built renderer, the working sets (with byte ranges, which
 * duckdb-wasm uses to read them lazily) and the reports of full-data runs. Which file a path names
 * and with which headers is decided by host/routes.ts, the route table the browser-mode server
 * answers with too; this module only refuses other hosts of the scheme and turns the answer into
 * a Fetch API Response. It has no Electron import, so it runs and is tested in Node; main.ts hands
 * it to `protocol.handle`.
 */
import { open } from 'node:fs/promises';
import type { Host } from '../host/host';
import { answerStatic, type StaticBody } from '../host/routes';
import { isAppUrl } from './navigation';

/** The bytes of an answer's body (a file's span is read whole: Electron is given a buffer). */
async function bodyBytes(body: StaticBody): Promise<Buffer<ArrayBuffer> | string | null> {
  if (body === null || 'text' in body) return body?.text ?? null;
  const handle = await open(body.path);
  try {
    const buffer = Buffer.alloc(body.end - body.start + 1);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, body.start);
    // A file that shrank since it was measured: send what is there.
    return bytesRead === buffer.length ? buffer : Buffer.from(buffer.subarray(0, bytesRead));
  } finally {
    await handle.close();
  }
}

export interface AppProtocolOptions {
  /** The built renderer (index.html and its assets). */
  rendererDir: string;
  host: Pick<Host, 'workingSetPath' | 'runReportPath'>;
}

/** The handler of `winnow://` requests. */
export function appProtocolHandler({ rendererDir, host }: AppProtocolOptions): (request: Request) => Promise<Response> {
  return async (request) => {
    if (!isAppUrl(request.url)) return new Response('forbidden', { status: 403 });
    const { pathname } = new URL(request.url);
    const answer = await answerStatic({ method: request.method, pathname, range: request.headers.get('range') }, { rendererDir, host });
    return new Response(await bodyBytes(answer.body), { status: answer.status, headers: answer.headers });
  };
}

/**
 * Browser mode: Winnow's own local server. It serves the same React app and the same host API
 * over HTTP, listens on 127.0.0.1 only, refuses requests without the session token, and checks
 * the Host header so a web page on another name cannot reach it through DNS rebinding. Also how
 * Winnow is used on a remote GPU host, through an SSH tunnel. The host API (`/api/…`, `/upload`)
 * is answered here; every other path (the app, working sets, run reports) by the route table both
 * shells share, host/routes.ts.
 */
import { createReadStream } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { join } from 'node:path';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { Host } from '../host/host';
import { answerStatic, CONTENT_SECURITY_POLICY, type StaticAnswer } from '../host/routes';
import { DEFAULT_UPLOAD_MAX_BYTES, storeUpload, UploadRefused } from './upload';

export interface ServerOptions {
  host: Host;
  /** The built renderer (index.html and its assets). */
  staticDir: string;
  /** 0 picks a free port. */
  port?: number;
  /** The session token; random when omitted. */
  token?: string;
  /** The largest dropped file the server copies into the data folder (default 20 GB). */
  uploadMaxBytes?: number;
  /** The largest JSON body of a host request (default 32 MB); a larger one is refused with 413. */
  maxBodyBytes?: number;
}

export interface RunningServer {
  server: Server;
  port: number;
  token: string;
  /** The address to open, token included. */
  url: string;
  close(): Promise<void>;
}

const MAX_BODY = 32 * 1024 * 1024;
const COOKIE = 'winnow_token';

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function cookieToken(request: IncomingMessage): string | undefined {
  const header = request.headers.cookie ?? '';
  return header
    .split(';')
    .map((part) => part.trim().split('='))
    .find(([name]) => name === COOKIE)?.[1];
}

function send(response: ServerResponse, status: number, body: string | Buffer, type = 'text/plain; charset=utf-8', headers: Record<string, string> = {}): void {
  response.writeHead(status, { 'Content-Type': type, 'Content-Length': Buffer.byteLength(body), ...headers });
  response.end(body);
}

/** A request refused with an HTTP status and one line, before or while its body is read. */
class Refused extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

async function readBody(request: IncomingMessage, maxBytes: number): Promise<string> {
  const tooLarge = () => new Refused(413, `the request body is larger than ${maxBytes} bytes`);
  if (Number(request.headers['content-length'] ?? 0) > maxBytes) throw tooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) throw tooLarge();
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** The request's URL, or why it cannot be read as one (the request line is the client's to get right). */
function requestUrl(request: IncomingMessage): URL | string {
  let url: URL;
  try {
    url = new URL(request.url ?? '/', `http://${request.headers.host}`);
  } catch {
    return 'bad request: the path is not a URL path';
  }
  try {
    // Decoded once here, so no route meets malformed percent-encoding later.
    decodeURIComponent(url.pathname);
  } catch {
    return 'bad request: malformed percent-encoding in the path';
  }
  return url;
}

/** Writes out an answer of the route table (host/routes.ts), streaming a file's span. */
function sendStatic(response: ServerResponse, { status, headers, body }: StaticAnswer, extra: Record<string, string> = {}): void {
  response.writeHead(status, { ...headers, ...extra });
  if (body === null) return void response.end();
  if ('text' in body) return void response.end(body.text);
  createReadStream(body.path, { start: body.start, end: body.end })
    .on('error', () => response.destroy())
    .pipe(response);
}

export async function startServer({
  host,
  staticDir,
  port = 0,
  token = randomBytes(24).toString('base64url'),
  uploadMaxBytes = DEFAULT_UPLOAD_MAX_BYTES,
  maxBodyBytes = MAX_BODY,
}: ServerOptions): Promise<RunningServer> {
  let actualPort = port;
  const allowedHosts = () => new Set([`127.0.0.1:${actualPort}`, `localhost:${actualPort}`]);

  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const securityHeaders = {
      'Content-Security-Policy': CONTENT_SECURITY_POLICY,
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'Cross-Origin-Resource-Policy': 'same-origin',
    };
    for (const [name, value] of Object.entries(securityHeaders)) response.setHeader(name, value);

    if (!allowedHosts().has(request.headers.host ?? '')) return send(response, 421, 'wrong Host header: open Winnow at the address it printed');
    const url = requestUrl(request);
    if (typeof url === 'string') return send(response, 400, url);
    const given = url.searchParams.get('token') ?? cookieToken(request) ?? request.headers['x-winnow-token']?.toString() ?? '';
    if (!sameSecret(given, token)) return send(response, 401, 'this Winnow session needs its token: open the address Winnow printed when it started');
    const setCookie = { 'Set-Cookie': `${COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/` };

    if (url.pathname === '/upload') {
      // A refusal comes before the body is read: close the connection rather than read the rest.
      const headers = { 'Cache-Control': 'no-store', Connection: 'close' };
      if (request.method !== 'POST') return send(response, 405, JSON.stringify({ error: 'use POST' }), 'application/json', headers);
      try {
        const stored = await storeUpload(request, {
          uploadsDir: join(host.options.dataDir, 'uploads'),
          name: url.searchParams.get('name'),
          maxBytes: uploadMaxBytes,
        });
        return send(response, 200, JSON.stringify(stored), 'application/json', { 'Cache-Control': 'no-store' });
      } catch (error) {
        const status = error instanceof UploadRefused ? error.status : 500;
        return send(response, status, JSON.stringify({ error: (error as Error).message.split('\n')[0] }), 'application/json', headers);
      }
    }
    if (url.pathname.startsWith('/api/')) {
      if (request.method !== 'POST') return send(response, 405, 'use POST');
      if (!(request.headers['content-type'] ?? '').startsWith('application/json')) return send(response, 415, 'send JSON');
      let payload: unknown;
      try {
        payload = JSON.parse((await readBody(request, maxBodyBytes)) || '{}');
      } catch (error) {
        // A refused body is left unread: close the connection rather than read the rest.
        if (error instanceof Refused)
          return send(response, error.status, JSON.stringify({ error: error.message }), 'application/json', { Connection: 'close' });
        return send(response, 400, JSON.stringify({ error: `bad request body: ${(error as Error).message.split('\n')[0]}` }), 'application/json');
      }
      const answer = await host.handle(decodeURIComponent(url.pathname.slice('/api/'.length)), payload);
      const headers = { 'Cache-Control': 'no-store' };
      return answer.ok
        ? send(response, 200, JSON.stringify(answer.result), 'application/json', headers)
        : send(response, answer.status, JSON.stringify(answer.error), 'application/json', headers);
    }
    const asked = { method: request.method ?? 'GET', pathname: url.pathname, range: request.headers.range };
    const answer = await answerStatic(asked, { rendererDir: staticDir, host });
    return sendStatic(response, answer, answer.page ? setCookie : {});
  };

  const server = createServer((request, response) => {
    handle(request, response).catch((error: Error) => {
      if (!response.headersSent) send(response, 500, `internal error: ${error.message}`);
      else response.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  actualPort = typeof address === 'object' && address ? address.port : port;
  return {
    server,
    port: actualPort,
    token,
    url: `http://127.0.0.1:${actualPort}/?token=${token}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Browsers keep connections alive (and the app polls): close them, or close() waits forever.
        server.closeAllConnections();
      }),
  };
}

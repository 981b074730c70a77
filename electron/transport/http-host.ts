import { randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { EXCHANGE_EXTENSION } from '../../shared/domain/exchange';
import { CONTAINER_LIMITS } from '../exchange/container';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { MAX_BODY_BYTES, type CallRequest, type CallResponse } from '../../shared/contract/envelope';
import type { Core, PathGrant } from '../core';
import { CONTENT_SECURITY_POLICY } from './security';

export interface BrowserHost {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

const TOKEN_COOKIE = 'tdcs_token';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json; charset=utf-8',
  '.woff2': 'font/woff2',
};

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return '';
  }
}

const REFUSED_PAGE =
  '<!doctype html><meta charset="utf-8"><title>Thi đua TDCS</title>' +
  '<p>Thiếu hoặc sai mã truy cập. Hãy mở đúng địa chỉ mà ứng dụng đã in ra.</p>' +
  '<p>Access token missing or wrong. Open the exact address the application printed.</p>';

function sameToken(candidate: string | undefined, token: string): boolean {
  if (!candidate) return false;
  const a = Buffer.from(candidate);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

function cookieValue(request: IncomingMessage, name: string): string | undefined {
  const header = request.headers.cookie ?? '';
  for (const part of header.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=');
  }
  return undefined;
}

function sendJson(response: ServerResponse, status: number, body: CallResponse): void {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  response.end(JSON.stringify(body));
}

/** Reads a request's body up to `limit` bytes; past it, stops reading at once (null) rather than taking the rest in. */
function readBody(request: IncomingMessage, limit: number): Promise<Buffer | null> {
  return new Promise((resolveBody, reject) => {
    const declared = Number(request.headers['content-length'] ?? 0);
    if (declared > limit) {
      resolveBody(null);
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    request.on('data', (chunk: Buffer) => {
      if (settled) return;
      size += chunk.length;
      if (size > limit) {
        settled = true;
        chunks.length = 0;
        request.pause();
        resolveBody(null);
      } else chunks.push(chunk);
    });
    request.on('end', () => {
      if (!settled) resolveBody(Buffer.concat(chunks));
      settled = true;
    });
    request.on('error', (error) => {
      if (!settled) reject(error);
      settled = true;
    });
  });
}

/** What can be uploaded to the inbox: exchange files, and backups to restore. */
const UPLOADS = {
  exchange: { extension: EXCHANGE_EXTENSION, maximum: CONTAINER_LIMITS.fileBytes, tooLarge: 'exchange.tooLarge' },
  backup: { extension: '.sqlite', maximum: 8 * 1024 * 1024 * 1024, tooLarge: 'backup.invalid' },
} as const;

/**
 * Browser mode: the built renderer and the call endpoint on 127.0.0.1, for machines without the
 * Electron binary and for the end-to-end tests. Every request must carry the per-run token.
 */
export interface BrowserHostOptions {
  port?: number;
  /**
   * Paths this host vouches for. Browser mode vouches for none (the page sends bytes); a test that drives the page's
   * desktop side through this host stands in for Electron's IPC, which vouches for what its dialogs returned.
   */
  paths?: PathGrant;
}

export async function startBrowserHost(core: Core, rendererDir: string, options: BrowserHostOptions = {}): Promise<BrowserHost> {
  const port = options.port ?? 0;
  const token = randomBytes(24).toString('base64url');
  // Uploads of an earlier run belong to pages that are gone: the inbox starts empty.
  rmSync(join(core.dataDir, 'inbox'), { recursive: true, force: true });
  const root = resolve(rendererDir);
  let boundPort = port;

  /** A page of another site may not post here, token or not. */
  function foreignOrigin(request: IncomingMessage): boolean {
    const origin = request.headers.origin;
    return origin !== undefined && origin !== `http://127.0.0.1:${boundPort}` && origin !== `http://localhost:${boundPort}`;
  }

  async function handleCall(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (foreignOrigin(request)) {
      sendJson(response, 403, { ok: false, error: { code: 'auth.forbidden' } });
      return;
    }
    const body = await readBody(request, MAX_BODY_BYTES);
    if (body === null) {
      // The rest of the body is never read: the answer goes out and the connection closes.
      response.setHeader('connection', 'close');
      response.on('finish', () => request.destroy());
      sendJson(response, 413, { ok: false, error: { code: 'call.tooLarge', params: { maximum: MAX_BODY_BYTES } } });
      return;
    }
    let envelope: Partial<CallRequest>;
    try {
      envelope = JSON.parse(body.toString('utf8')) as Partial<CallRequest>;
    } catch {
      sendJson(response, 400, { ok: false, error: { code: 'call.invalidInput', issues: [{ path: '', key: 'validation.json', params: {} }] } });
      return;
    }
    if (typeof envelope !== 'object' || envelope === null) {
      sendJson(response, 400, { ok: false, error: { code: 'call.invalidInput' } });
      return;
    }
    const session = typeof envelope.session === 'string' ? envelope.session : null;
    const result = await core.call({ call: String(envelope.call ?? ''), input: envelope.input, session }, { paths: options.paths ?? 'none' });
    sendJson(response, 200, result);
  }

  /**
   * A file chosen in the browser goes to the inbox under a temporary name, renamed once whole; an upload that is
   * aborted or too large leaves nothing. The import (or a cancel) removes it afterwards.
   */
  function receiveUpload(request: IncomingMessage, response: ServerResponse, kind: keyof typeof UPLOADS): void {
    if (foreignOrigin(request)) {
      sendJson(response, 403, { ok: false, error: { code: 'auth.forbidden' } });
      return;
    }
    const { extension, maximum, tooLarge } = UPLOADS[kind];
    if (Number(request.headers['content-length'] ?? 0) > maximum) {
      sendJson(response, 413, { ok: false, error: { code: tooLarge } });
      request.destroy();
      return;
    }
    const uploadId = randomUUID();
    const folder = join(core.dataDir, 'inbox');
    mkdirSync(folder, { recursive: true });
    const target = join(folder, `${uploadId}${extension}`);
    const partial = `${target}.partial`;
    const file = createWriteStream(partial);
    let size = 0;
    let finished = false;
    const abandon = () => {
      if (finished) return;
      finished = true;
      file.destroy();
      rmSync(partial, { force: true });
    };
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maximum && !finished) {
        abandon();
        sendJson(response, 413, { ok: false, error: { code: tooLarge } });
        request.destroy();
      }
    });
    // The page went away (closed, reloaded) before the file was whole.
    request.on('aborted', abandon);
    request.on('close', () => {
      if (!request.complete) abandon();
    });
    request.pipe(file);
    file.on('finish', () => {
      if (finished) return;
      finished = true;
      renameSync(partial, target);
      sendJson(response, 200, { ok: true, value: { uploadId } });
    });
    file.on('error', () => {
      if (finished) return;
      abandon();
      sendJson(response, 500, { ok: false, error: { code: 'internal' } });
    });
  }

  /**
   * A backup offered as a download: only to an administrator's session (the same check as the backups list), and only
   * a file of the backups folder by its exact name.
   */
  async function sendBackup(request: IncomingMessage, response: ServerResponse, encodedName: string): Promise<void> {
    const session = request.headers['x-tdcs-session'];
    const listed = await core.call({ call: 'backup.list', input: {}, session: typeof session === 'string' ? session : null });
    const name = safeDecode(encodedName);
    if (!listed.ok) {
      sendJson(response, 403, listed);
      return;
    }
    const known = (listed.value as { name: string }[]).some((backup) => backup.name === name);
    const path = join(core.dataDir, 'backups', name);
    if (!known || !existsSync(path)) {
      response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
      response.end('Not found');
      return;
    }
    response.writeHead(200, {
      'content-type': 'application/octet-stream',
      'content-disposition': `attachment; filename="${name}"`,
      'content-length': String(statSync(path).size),
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    });
    createReadStream(path).pipe(response);
  }

  /** A file the application wrote to its outbox, offered as a download (browser mode has no save dialog). */
  function sendDownload(response: ServerResponse, encodedName: string): void {
    const name = safeDecode(encodedName);
    const path = join(core.dataDir, 'outbox', name);
    if (!/^[A-Za-z0-9._-]+$/.test(name) || !name.endsWith(EXCHANGE_EXTENSION) || !existsSync(path)) {
      response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
      response.end('Not found');
      return;
    }
    response.writeHead(200, {
      'content-type': 'application/octet-stream',
      'content-disposition': `attachment; filename="${name}"`,
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    });
    response.end(readFileSync(path));
  }

  function serveFile(request: IncomingMessage, response: ServerResponse, pathname: string): void {
    let relative: string;
    try {
      relative = decodeURIComponent(pathname);
    } catch {
      response.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' });
      response.end('Bad request');
      return;
    }
    if (relative.endsWith('/')) relative += 'index.html';
    const candidate = resolve(join(root, normalize(relative)));
    const insideRoot = candidate === root || candidate.startsWith(root + sep);
    let file = insideRoot && existsSync(candidate) && statSync(candidate).isFile() ? candidate : join(root, 'index.html');
    // Unknown paths without an extension are routes of the single-page app.
    if (file !== candidate && extname(relative) !== '') {
      response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
      response.end('Not found');
      return;
    }
    if (!existsSync(file)) {
      response.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
      response.end('The interface has not been built: run `npm run build`.');
      return;
    }
    file = normalize(file);
    response.writeHead(200, {
      'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
      'content-security-policy': CONTENT_SECURITY_POLICY,
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'cache-control': file.endsWith('index.html') ? 'no-store' : 'max-age=3600',
    });
    response.end(request.method === 'HEAD' ? undefined : readFileSync(file));
  }

  const server: Server = createServer((request, response) => {
    try {
      route(request, response);
    } catch {
      // A malformed request must never take browser mode down with it.
      if (!response.headersSent) response.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' });
      response.end('Bad request');
    }
  });

  function route(request: IncomingMessage, response: ServerResponse): void {
    const host = request.headers.host ?? '';
    if (host !== `127.0.0.1:${boundPort}` && host !== `localhost:${boundPort}`) {
      response.writeHead(421, { 'content-type': 'text/plain; charset=utf-8' });
      response.end('Misdirected request');
      return;
    }
    const url = new URL(request.url ?? '/', `http://${host}`);
    const queryToken = url.searchParams.get('token') ?? undefined;
    if (request.method === 'GET' && sameToken(queryToken, token)) {
      url.searchParams.delete('token');
      response.writeHead(303, {
        location: `${url.pathname}${url.search}`,
        'set-cookie': `${TOKEN_COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`,
        'cache-control': 'no-store',
      });
      response.end();
      return;
    }
    const presented = (request.headers['x-tdcs-token'] as string | undefined) ?? cookieValue(request, TOKEN_COOKIE);
    if (!sameToken(presented, token)) {
      response.writeHead(403, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      response.end(REFUSED_PAGE);
      return;
    }
    if (url.pathname === '/api/upload') {
      if (request.method !== 'POST') {
        response.writeHead(405, { allow: 'POST' });
        response.end();
        return;
      }
      receiveUpload(request, response, url.searchParams.get('kind') === 'backup' ? 'backup' : 'exchange');
      return;
    }
    if (url.pathname.startsWith('/api/backup/')) {
      sendBackup(request, response, url.pathname.slice('/api/backup/'.length)).catch(() => sendJson(response, 500, { ok: false, error: { code: 'internal' } }));
      return;
    }
    if (url.pathname.startsWith('/api/download/')) {
      sendDownload(response, url.pathname.slice('/api/download/'.length));
      return;
    }
    if (url.pathname === '/api/call') {
      if (request.method !== 'POST') {
        response.writeHead(405, { allow: 'POST' });
        response.end();
        return;
      }
      handleCall(request, response).catch(() => sendJson(response, 500, { ok: false, error: { code: 'internal' } }));
      return;
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { allow: 'GET, HEAD' });
      response.end();
      return;
    }
    serveFile(request, response, url.pathname);
  }

  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolveListen());
  });
  boundPort = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${boundPort}/?token=${token}`,
    port: boundPort,
    token,
    close: () =>
      new Promise<void>((resolveClose) => {
        server.closeAllConnections();
        server.close(() => resolveClose());
      }),
  };
}

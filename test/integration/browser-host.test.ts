import { request as httpRequest } from 'node:http';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrowserHost, type BrowserHost } from '../../electron/transport/http-host';
import { CONTENT_SECURITY_POLICY } from '../../electron/transport/security';
import type { LoginResult } from '../../shared/contract/calls';
import { MAX_BODY_BYTES, type CallResponse } from '../../shared/contract/envelope';
import { temporaryDataDir } from '../support/data-dir';
import { ADMIN, setUpCore } from '../support/core';

type Installation = Awaited<ReturnType<typeof setUpCore>>;

const PAGE = '<!doctype html><meta charset="utf-8"><title>Thi đua TDCS</title><div id="root">trang-thu-nghiem</div>';
const SECRET = 'BI-MAT-NGOAI-THU-MUC';

interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A request exactly as written (no URL normalisation, any Host header), for what fetch would not send. */
function raw(port: number, path: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<RawResponse> {
  return new Promise((resolveResponse, reject) => {
    const request = httpRequest({ host: '127.0.0.1', port, path, method: options.method ?? 'GET', headers: options.headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolveResponse({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks).toString('utf8') }));
      response.on('error', reject);
    });
    request.on('error', reject);
    request.end(options.body);
  });
}

describe('browser mode: the HTTP host', () => {
  let installation: Installation;
  let host: BrowserHost;
  let origin: string;
  const folder = temporaryDataDir('tdcs-renderer-');
  const rendererDir = join(folder.dir, 'renderer');

  beforeAll(async () => {
    mkdirSync(join(rendererDir, 'assets'), { recursive: true });
    writeFileSync(join(rendererDir, 'index.html'), PAGE);
    writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log("app");');
    // A file beside the renderer folder that must never be served.
    writeFileSync(join(folder.dir, 'secret.txt'), SECRET);
    writeFileSync(join(folder.dir, 'package.json'), `{"secret":"${SECRET}"}`);
    installation = await setUpCore();
    host = await startBrowserHost(installation.core, rendererDir);
    origin = `http://127.0.0.1:${host.port}`;
  });
  afterAll(async () => {
    await host.close();
    installation.close();
    folder.remove();
  });

  function post(body: string, headers: Record<string, string> = {}): Promise<Response> {
    return fetch(`${origin}/api/call`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-tdcs-token': host.token, ...headers }, body });
  }

  it('prints an address on 127.0.0.1 carrying the token', () => {
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/?token=${host.token}`);
    expect(host.token.length).toBeGreaterThanOrEqual(32);
  });

  it('refuses a request without the token (403), for the page and for calls', async () => {
    const page = await fetch(`${origin}/`);
    expect(page.status).toBe(403);
    expect(await page.text()).not.toContain('trang-thu-nghiem');
    const call = await fetch(`${origin}/api/call`, { method: 'POST', body: JSON.stringify({ call: 'app.status', input: {}, session: null }) });
    expect(call.status).toBe(403);
    const wrong = await fetch(`${origin}/?token=${host.token.slice(0, -1)}x`, { redirect: 'manual' });
    expect(wrong.status).toBe(403);
    const wrongHeader = await post(JSON.stringify({ call: 'app.status', input: {}, session: null }), { 'x-tdcs-token': 'nope' });
    expect(wrongHeader.status).toBe(403);
  });

  it('trades the token in the address for a cookie (303), then serves the page with a CSP', async () => {
    const redirect = await fetch(`${host.url}&lang=vi`, { redirect: 'manual' });
    expect(redirect.status).toBe(303);
    expect(redirect.headers.get('location')).toBe('/?lang=vi');
    const cookies = redirect.headers.getSetCookie();
    expect(cookies).toHaveLength(1);
    const cookie = cookies[0] ?? '';
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    const pair = cookie.split(';')[0] ?? '';

    const page = await fetch(`${origin}/`, { headers: { cookie: pair } });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await page.text()).toBe(PAGE);

    // An app route without an extension gets the page; an asset gets its own type.
    const route = await fetch(`${origin}/dossiers/abc`, { headers: { cookie: pair } });
    expect(route.status).toBe(200);
    expect(await route.text()).toBe(PAGE);
    const script = await fetch(`${origin}/assets/app.js`, { headers: { cookie: pair } });
    expect(script.headers.get('content-type')).toMatch(/^text\/javascript/);
    const missing = await fetch(`${origin}/assets/missing.js`, { headers: { cookie: pair } });
    expect(missing.status).toBe(404);
  });

  it('answers a call posted with the token header through the same handler table', async () => {
    const response = await post(JSON.stringify({ call: 'app.status', input: {}, session: null }));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    const body = (await response.json()) as CallResponse;
    expect(body.ok).toBe(true);
    if (body.ok) expect(body.value).toMatchObject({ initialised: true, mode: 'office', currentCampaignYear: 2025 });

    const guarded = (await (await post(JSON.stringify({ call: 'units.list', input: {}, session: null }))).json()) as CallResponse;
    expect(guarded).toEqual({ ok: false, error: { code: 'auth.required' } });
  });

  it('a user signs in over HTTP and gets typed errors for bad input, never a stack trace', async () => {
    const login = (await (await post(JSON.stringify({ call: 'auth.login', input: { username: ADMIN.username, password: ADMIN.password }, session: null }))).json()) as CallResponse;
    expect(login.ok).toBe(true);
    const session = login.ok ? (login.value as LoginResult).session : null;
    expect(typeof session).toBe('string');

    const units = (await (await post(JSON.stringify({ call: 'units.list', input: {}, session }))).json()) as CallResponse;
    expect(units).toEqual({ ok: true, value: [] });
    const invalid = (await (await post(JSON.stringify({ call: 'dossiers.list', input: { campaignYear: 'x' }, session }))).json()) as CallResponse;
    expect(invalid).toEqual({ ok: false, error: { code: 'call.invalidInput', issues: [{ path: 'campaignYear', key: 'validation.wrongType', params: { expected: 'number' } }] } });
    const unknown = (await (await post(JSON.stringify({ call: 'dossiers.drop', input: {}, session }))).json()) as CallResponse;
    expect(unknown).toEqual({ ok: false, error: { code: 'call.unknown', params: { call: 'dossiers.drop' } } });
  });

  it('a browser is never the operator: the administrator’s calls need an administrator signed in', async () => {
    const body = (await (await post(JSON.stringify({ call: 'database.verify', input: {}, session: null }))).json()) as CallResponse;
    expect(body).toEqual({ ok: false, error: { code: 'auth.required' } });
  });

  it('refuses a request whose Host is not this address (421), even with the token', async () => {
    for (const hostHeader of ['evil.example', `evil.example:${host.port}`, `127.0.0.1:${host.port + 1}`, '127.0.0.1']) {
      const response = await raw(host.port, `/?token=${host.token}`, { headers: { host: hostHeader } });
      expect(response.status, hostHeader).toBe(421);
      expect(response.headers['set-cookie']).toBeUndefined();
    }
    const ok = await raw(host.port, '/', { headers: { host: `localhost:${host.port}`, 'x-tdcs-token': host.token } });
    expect(ok.status).toBe(200);
  });

  it('refuses a call from a page of another site (Origin), even with the token', async () => {
    for (const other of ['http://evil.example', `http://127.0.0.1:${host.port + 1}`, 'null']) {
      const response = await raw(host.port, '/api/call', {
        method: 'POST',
        headers: { host: `127.0.0.1:${host.port}`, origin: other, 'x-tdcs-token': host.token, 'content-type': 'application/json' },
        body: JSON.stringify({ call: 'app.status', input: {}, session: null }),
      });
      expect(response.status, other).toBe(403);
      expect(JSON.parse(response.body)).toEqual({ ok: false, error: { code: 'auth.forbidden' } });
    }
    const same = await post(JSON.stringify({ call: 'app.status', input: {}, session: null }), { origin });
    expect(same.status).toBe(200);
  });

  it('an ordinary call over 2 MB is refused with call.tooLarge; a body over the largest call limit is not even read (413)', async () => {
    const over = await post(JSON.stringify({ call: 'app.status', input: { padding: 'x'.repeat(3 * 1024 * 1024) }, session: null }));
    expect(over.status).toBe(200);
    const answer = (await over.json()) as CallResponse;
    expect(answer.ok).toBe(false);
    if (!answer.ok) expect(answer.error.code).toBe('call.tooLarge');

    const huge = await post(JSON.stringify({ call: 'attachments.add', input: { padding: 'x'.repeat(32 * 1024 * 1024) }, session: null }));
    expect(huge.status).toBe(413);
    const body = (await huge.json()) as CallResponse;
    expect(body.ok).toBe(false);
    if (!body.ok) expect(body.error.code).toBe('call.tooLarge');
  });

  it('a body that is not JSON is refused with 400', async () => {
    for (const text of ['{"call": "app.status", ', 'null', '']) {
      const response = await post(text);
      expect(response.status, text).toBe(400);
      const body = (await response.json()) as CallResponse;
      expect(body.ok).toBe(false);
      if (!body.ok) expect(body.error.code).toBe('call.invalidInput');
    }
  });

  it('a malformed address (a broken percent escape) gets 400 and browser mode keeps running', async () => {
    for (const path of ['/%E0%A4%A', '/%zz', '/%']) {
      const response = await raw(host.port, path, { headers: { 'x-tdcs-token': host.token } });
      expect(response.status).toBe(400);
    }
    const after = await post(JSON.stringify({ call: 'app.status', input: {}, session: null }));
    expect(after.status).toBe(200);
  });

  it('only POST reaches the call endpoint', async () => {
    const response = await fetch(`${origin}/api/call`, { headers: { 'x-tdcs-token': host.token } });
    expect(response.status).toBe(405);
  });

  it.each(['/../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt', '/%2e%2e%2fsecret.txt', '/assets/..%2f..%2fsecret.txt', '/%2e%2e/package.json', '/../package.json', '/..%5csecret.txt'])(
    'never serves a file outside the renderer folder (%s)',
    async (path) => {
      const response = await raw(host.port, path, { headers: { host: `127.0.0.1:${host.port}`, 'x-tdcs-token': host.token } });
      expect(response.body).not.toContain(SECRET);
      expect([200, 400, 403, 404]).toContain(response.status);
      if (response.status === 200) expect(response.body).toBe(PAGE);
    },
  );
});

describe('browser mode: uploads, downloads and the inbox', () => {
  let installation: Installation;
  let host: BrowserHost;
  let origin: string;
  const folder = temporaryDataDir('tdcs-renderer-inbox-');

  beforeAll(async () => {
    writeFileSync(join(folder.dir, 'index.html'), PAGE);
    installation = await setUpCore();
    host = await startBrowserHost(installation.core, folder.dir);
    origin = `http://127.0.0.1:${host.port}`;
  });
  afterAll(async () => {
    await host.close();
    installation.close();
    folder.remove();
  });

  const inbox = () => {
    const path = join(installation.dataDir, 'inbox');
    return existsSync(path) ? readdirSync(path).sort() : [];
  };
  const call = async (name: string, input: unknown, session: string | null) =>
    (await (await fetch(`${origin}/api/call`, { method: 'POST', headers: { 'x-tdcs-token': host.token, 'content-type': 'application/json' }, body: JSON.stringify({ call: name, input, session }) })).json()) as CallResponse;

  it('an upload is whole before it has a name; cancelling it (or importing it) removes it from the inbox', async () => {
    const answer = (await (await fetch(`${origin}/api/upload`, { method: 'POST', headers: { 'x-tdcs-token': host.token }, body: Buffer.from('PK\u0003\u0004 khong phai tep that') })).json()) as CallResponse;
    expect(answer.ok).toBe(true);
    const uploadId = answer.ok ? (answer.value as { uploadId: string }).uploadId : '';
    expect(inbox()).toEqual([`${uploadId}.tdcs`]);
    const session = ((await call('auth.login', { username: ADMIN.username, password: ADMIN.password }, null)) as { ok: true; value: LoginResult }).value.session;
    // The file is refused (it is no exchange file) — and still there until the person sets it aside.
    expect((await call('exchange.dryRun', { source: { uploadId, fileName: 'x.tdcs' } }, session)).ok).toBe(false);
    expect(await call('exchange.discardUpload', { uploadId }, session)).toEqual({ ok: true, value: null });
    expect(inbox()).toEqual([]);
  });

  it('an upload cut off half-way leaves no file behind', async () => {
    await new Promise<void>((done) => {
      const request = httpRequest({ host: '127.0.0.1', port: host.port, path: '/api/upload', method: 'POST', headers: { 'x-tdcs-token': host.token, 'content-length': String(10 * 1024 * 1024) } });
      request.on('error', () => done());
      request.write(Buffer.alloc(256 * 1024, 1));
      setTimeout(() => {
        request.destroy();
        done();
      }, 200);
    });
    await expect.poll(() => inbox(), { timeout: 5_000 }).toEqual([]);
  });

  it('a body larger than the limit is refused without being read to its end', async () => {
    const response = await raw(host.port, '/api/call', {
      method: 'POST',
      headers: { host: `127.0.0.1:${host.port}`, 'x-tdcs-token': host.token, 'content-type': 'application/json', 'content-length': String(MAX_BODY_BYTES + 1) },
      body: '{',
    });
    expect(response.status).toBe(413);
  });

  it('a backup is downloaded only with an administrator’s session, and only one of the backups folder', async () => {
    const session = ((await call('auth.login', { username: ADMIN.username, password: ADMIN.password }, null)) as { ok: true; value: LoginResult }).value.session;
    const made = (await call('backup.create', {}, session)) as { ok: true; value: { name: string } };
    const without = await fetch(`${origin}/api/backup/${made.value.name}`, { headers: { 'x-tdcs-token': host.token } });
    expect(without.status).toBe(403);
    const withSession = await fetch(`${origin}/api/backup/${made.value.name}`, { headers: { 'x-tdcs-token': host.token, 'x-tdcs-session': session } });
    expect(withSession.status).toBe(200);
    expect(Buffer.from(await withSession.arrayBuffer()).subarray(0, 15).toString('latin1')).toBe('SQLite format 3');
    const escaping = await fetch(`${origin}/api/backup/..%2Ftdcs.sqlite`, { headers: { 'x-tdcs-token': host.token, 'x-tdcs-session': session } });
    expect(escaping.status).toBe(404);
  });
});

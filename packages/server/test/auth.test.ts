// The auth plugin: JWTs verified with issuer, audience and algorithm pinned, from a shared secret or a
// JWKS URL (a real local HTTP server); claims → actor; and the demo token endpoint, off unless --demo.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Fastify, { type FastifyInstance } from 'fastify';
import { exportJWK, generateKeyPair, SignJWT, type JWK } from 'jose';
import { authPlugin, checkAuthOptions, type AuthOptions } from '../src/auth.js';
import { demoExport } from '../src/demo.js';
import { BACKENDS, AUTH, server } from './helpers.js';
import type { PullResponse } from '../src/sync/pull.js';

async function protectedApp(options: AuthOptions): Promise<FastifyInstance> {
  const app = Fastify();
  await app.register(authPlugin, options);
  app.get('/me', { preHandler: app.authenticate }, async (request) => request.actor);
  app.get('/stream', { preHandler: app.authenticate, config: { tokenInQuery: true } }, async (request) => request.actor);
  await app.ready();
  return app;
}

const secret = new TextEncoder().encode(AUTH.secret);
const claims = { role: 'consultant', branch: 'b1' };

function sign(
  payload: Record<string, unknown> = claims,
  {
    alg = 'HS256',
    iss = AUTH.issuer,
    aud = AUTH.audience,
    sub = 'c02',
    exp = '1h',
    key = secret as Uint8Array | CryptoKey,
    kid,
  }: Record<string, unknown> = {},
): Promise<string> {
  let jwt = new SignJWT(payload).setProtectedHeader({ alg: alg as string, ...(kid ? { kid: kid as string } : {}) }).setIssuedAt();
  if (sub) jwt = jwt.setSubject(sub as string);
  if (iss) jwt = jwt.setIssuer(iss as string);
  if (aud) jwt = jwt.setAudience(aud as string);
  if (exp) jwt = jwt.setExpirationTime(exp as string);
  return jwt.sign(key as Uint8Array);
}

async function call(app: FastifyInstance, tok: string | undefined, url = '/me') {
  const res = await app.inject({ method: 'GET', url, headers: tok ? { authorization: `Bearer ${tok}` } : {} });
  return { status: res.statusCode, body: res.json() as Record<string, unknown>, challenge: res.headers['www-authenticate'] };
}

describe('auth with a shared secret (HS256 pinned)', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await protectedApp(AUTH);
  });
  afterAll(() => app.close());

  it('turns a valid token into the actor: member, role, branch', async () => {
    expect(await call(app, await sign())).toMatchObject({ status: 200, body: { member: 'c02', role: 'consultant', branch: 'b1' } });
  });

  it.each([
    ['no token', async () => undefined, 'no-token'],
    ['another issuer', () => sign(claims, { iss: 'https://evil.test' }), 'ERR_JWT_CLAIM_VALIDATION_FAILED'],
    ['another audience', () => sign(claims, { aud: 'other' }), 'ERR_JWT_CLAIM_VALIDATION_FAILED'],
    ['expired', () => sign(claims, { exp: Math.floor(Date.now() / 1000) - 60 }), 'ERR_JWT_EXPIRED'],
    ['another algorithm (HS512)', () => sign(claims, { alg: 'HS512' }), 'ERR_JOSE_ALG_NOT_ALLOWED'],
    ['another secret', () => sign(claims, { key: new TextEncoder().encode('x'.repeat(48)) }), 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED'],
    [
      'no signature (alg none)',
      async () =>
        `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(JSON.stringify({ sub: 'm01', role: 'manager', branch: 'b1', iss: AUTH.issuer, aud: AUTH.audience })).toString('base64url')}.`,
      'ERR_JOSE_ALG_NOT_ALLOWED',
    ],
    ['no member', () => sign(claims, { sub: '' }), 'claim-sub'],
    ['an unknown role', () => sign({ role: 'admin', branch: 'b1' }), 'claim-role'],
    ['no branch', () => sign({ role: 'manager' }), 'claim-branch'],
    ['a branch id with a slash', () => sign({ role: 'manager', branch: 'a/b' }), 'claim-branch'],
  ])('refuses %s (401, reason %s)', async (_what, make, reason) => {
    const res = await call(app, await make());
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ error: 'unauthorized', reason });
    expect(res.challenge).toMatch(/^Bearer/);
  });

  it('reads ?access_token= only on routes that ask for it (the event stream)', async () => {
    const tok = await sign();
    expect((await call(app, undefined, `/stream?access_token=${tok}`)).status).toBe(200);
    expect((await call(app, undefined, `/me?access_token=${tok}`)).status).toBe(401);
  });

  it('checks its options at start', () => {
    expect(() => checkAuthOptions({ ...AUTH, issuer: '' })).toThrow(/issuer and audience/);
    expect(() => checkAuthOptions({ ...AUTH, jwksUrl: 'http://127.0.0.1/jwks' })).toThrow(/exactly one/);
    expect(() => checkAuthOptions({ ...AUTH, secret: 'short' })).toThrow(/32 characters/);
    expect(() => checkAuthOptions({ ...AUTH, algorithm: 'RS256' })).toThrow(/HMAC/);
    expect(() => checkAuthOptions({ issuer: 'i', audience: 'a', jwksUrl: 'http://127.0.0.1/jwks', algorithm: 'HS256' })).toThrow(
      /asymmetric/,
    );
  });
});

describe('auth with a JWKS URL (ES256 pinned)', () => {
  let app: FastifyInstance;
  let jwks: http.Server;
  let key: CryptoKey;
  let stranger: CryptoKey;
  beforeAll(async () => {
    const pair = await generateKeyPair('ES256');
    key = pair.privateKey;
    stranger = (await generateKeyPair('ES256')).privateKey;
    const jwk: JWK = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'ES256', use: 'sig' };
    jwks = http.createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((r) => jwks.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(jwks.address() as AddressInfo).port}/.well-known/jwks.json`;
    app = await protectedApp({ issuer: AUTH.issuer, audience: AUTH.audience, jwksUrl: url, algorithm: 'ES256' });
  });
  afterAll(async () => {
    await app.close();
    await new Promise((r) => jwks.close(r));
  });

  it('accepts a token signed by a key of the set', async () => {
    const tok = await sign({ role: 'lead', branch: 'b2' }, { alg: 'ES256', key, kid: 'k1', sub: 'c01' });
    expect(await call(app, tok)).toMatchObject({ status: 200, body: { member: 'c01', role: 'lead', branch: 'b2' } });
  });

  it('refuses a key outside the set, and a shared-secret token', async () => {
    const forged = await sign(claims, { alg: 'ES256', key: stranger, kid: 'k1' });
    expect(await call(app, forged)).toMatchObject({ status: 401, body: { reason: 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED' } });
    expect(await call(app, await sign())).toMatchObject({ status: 401, body: { reason: 'ERR_JOSE_ALG_NOT_ALLOWED' } });
  });
});

describe.each(BACKENDS)('demo token endpoint on $name', (backend) => {
  afterAll(() => backend.cleanup());

  it('is off unless the server runs in demo mode', async () => {
    const { app } = await server(await backend.open());
    const res = await app.inject({ method: 'POST', url: '/demo/token', payload: { member: 'c02' } });
    expect(res.statusCode).toBe(404);
    expect(await app.db.query(`SELECT id FROM branches WHERE id = 'demo'`)).toEqual([]);
    await app.close();
  });

  it('in demo mode seeds the demo department once and hands out tokens with the roster role', async () => {
    const db = await backend.open();
    const now = () => new Date('2026-11-20T12:00:00+08:00');
    const { app } = await server(db, { demo: true, clock: now });
    const again = await server(db, { demo: true, clock: now }); // a restart: no second seed
    await again.app.close();
    const [{ version }] = await db.query<{ version: number }>(`SELECT version FROM branches WHERE id = 'demo'`);
    expect(version).toBe(1);

    const res = await app.inject({ method: 'POST', url: '/demo/token', payload: { member: 'c07' } });
    expect(res.statusCode).toBe(200);
    const body = res.json() as { token: string; member: string; role: string; branch: string };
    expect({ member: body.member, role: body.role, branch: body.branch }).toEqual({ member: 'c07', role: 'lead', branch: 'demo' });
    const pulled = await app.inject({
      method: 'POST',
      url: '/pull',
      headers: { authorization: `Bearer ${body.token}` },
      payload: { clientGroupID: 'demo-g', cookie: null },
    });
    const patch = (pulled.json() as PullResponse).patch;
    const counts: Record<string, number> = {};
    for (const p of patch) if (p.op === 'put') counts[p.kind] = (counts[p.kind] ?? 0) + 1;
    // The shared demo department as of the 20th: the roster, the clinic rulebook, October's events and November's up to the 20th.
    const file = await demoExport(now());
    expect(file.records.events.at(-1)!.day).toBe('2026-11-20');
    expect(file.records.events[0].day).toBe('2026-10-01');
    expect(counts).toEqual({ rulebookVersions: 1, teams: 3, members: 14, events: file.records.events.length });

    expect((await app.inject({ method: 'POST', url: '/demo/token', payload: { member: 'nobody' } })).statusCode).toBe(404);
    expect((await app.inject({ method: 'POST', url: '/demo/token', payload: { member: 'c02', role: 'manager' } })).statusCode).toBe(400);
    await app.close();
  });
});

/**
 * Auth: the portal owns identity; the server accepts a bearer JWT verified
 * with `jose` — issuer, audience and algorithm pinned, the key a shared
 * secret (HS256/384/512) or a JWKS URL (RS*, PS*, ES*, EdDSA) — whose claims
 * name the member (`sub`), her `role` and her `branch`. Every `by` the store
 * records is that member.
 *
 * @module
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { createRemoteJWKSet, jwtVerify, SignJWT, type JWTPayload } from 'jose';
import { ROLES, type Actor } from './policy.js';
import type { Role } from './store.js';

export interface AuthOptions {
  /** Expected `iss`. */
  issuer: string;
  /** Expected `aud`. */
  audience: string;
  /** The one accepted `alg` (default HS256 with a secret, RS256 with a JWKS URL). */
  algorithm?: string;
  /** Shared secret (HMAC algorithms). */
  secret?: string;
  /** URL of the identity provider's JSON Web Key Set. */
  jwksUrl?: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The verified caller (set by `authenticate`). */
    actor: Actor | null;
  }
  interface FastifyInstance {
    /** preHandler: 401 unless the request carries a valid token. */
    authenticate(request: FastifyRequest, reply: FastifyReply): Promise<void>;
  }
  interface FastifyContextConfig {
    /** Also accept `?access_token=` (EventSource cannot send headers). */
    tokenInQuery?: boolean;
  }
}

/** Ids in claims: like record ids (letters, digits, `_ - . : @ #`). */
const CLAIM_ID = /^[\p{L}\p{N}_\-.:@#]{1,128}$/u;

export class AuthError extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'AuthError';
  }
}

/** The algorithm in force for these options. */
export function algorithmOf(options: AuthOptions): string {
  return options.algorithm ?? (options.jwksUrl ? 'RS256' : 'HS256');
}

/** Check the options at start (one key source; an algorithm that fits it). */
export function checkAuthOptions(options: AuthOptions): void {
  if (!options.issuer || !options.audience) throw new Error('auth: the JWT issuer and audience are required');
  if (!!options.secret === !!options.jwksUrl) throw new Error('auth: give exactly one of a JWT secret or a JWKS URL');
  const alg = algorithmOf(options);
  if (options.secret && !/^HS(256|384|512)$/.test(alg))
    throw new Error(`auth: a shared secret needs an HMAC algorithm (HS256…), not ${alg}`);
  if (options.jwksUrl && !/^(RS|PS|ES)(256|384|512)$|^EdDSA$/.test(alg))
    throw new Error(`auth: a JWKS URL needs an asymmetric algorithm, not ${alg}`);
  if (options.secret && options.secret.length < 32) throw new Error('auth: the JWT secret must be at least 32 characters');
}

/** A verifier for these options (the JWKS is fetched and cached by jose). */
export function tokenVerifier(options: AuthOptions): (token: string) => Promise<Actor> {
  checkAuthOptions(options);
  const algorithms = [algorithmOf(options)];
  const verifyOptions = { issuer: options.issuer, audience: options.audience, algorithms };
  const verify = options.secret
    ? (
        (key: Uint8Array) => (t: string) =>
          jwtVerify(t, key, verifyOptions)
      )(new TextEncoder().encode(options.secret))
    : (
        (jwks: ReturnType<typeof createRemoteJWKSet>) => (t: string) =>
          jwtVerify(t, jwks, verifyOptions)
      )(createRemoteJWKSet(new URL(options.jwksUrl!)));
  return async (token) => {
    let payload: JWTPayload;
    try {
      ({ payload } = await verify(token));
    } catch (e) {
      throw new AuthError((e as { code?: string }).code ?? 'invalid-token');
    }
    const { sub, role, branch } = payload as JWTPayload & { role?: unknown; branch?: unknown };
    if (typeof sub !== 'string' || !CLAIM_ID.test(sub)) throw new AuthError('claim-sub');
    if (typeof role !== 'string' || !ROLES.includes(role as Role)) throw new AuthError('claim-role');
    if (typeof branch !== 'string' || !CLAIM_ID.test(branch)) throw new AuthError('claim-branch');
    return { member: sub, role: role as Role, branch };
  };
}

/** Sign a token with the shared secret (the demo token endpoint; tests). */
export async function signToken(options: AuthOptions, actor: Actor, expiresIn = '12h'): Promise<string> {
  if (!options.secret) throw new Error('auth: signing needs the shared secret');
  return new SignJWT({ role: actor.role, branch: actor.branch })
    .setProtectedHeader({ alg: algorithmOf(options) })
    .setSubject(actor.member)
    .setIssuer(options.issuer)
    .setAudience(options.audience)
    .setIssuedAt()
    .setExpirationTime(expiresIn)
    .sign(new TextEncoder().encode(options.secret));
}

const UNAUTHORIZED = { 'zh-CN': '未登录或登录已失效', en: 'Not signed in, or the sign-in has expired' };

/** The auth plugin: `request.actor` and the `authenticate` preHandler. */
export const authPlugin = fp<AuthOptions>(
  async (app, options) => {
    const verify = tokenVerifier(options);
    app.decorateRequest('actor', null);
    app.decorate('authenticate', async (request: FastifyRequest, reply: FastifyReply) => {
      const header = request.headers.authorization;
      let token = header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
      if (!token && request.routeOptions.config.tokenInQuery) {
        const q = (request.query as { access_token?: unknown } | undefined)?.access_token;
        if (typeof q === 'string') token = q;
      }
      if (!token) {
        reply.header('www-authenticate', 'Bearer');
        return reply.code(401).send({ error: 'unauthorized', reason: 'no-token', message: UNAUTHORIZED });
      }
      try {
        request.actor = await verify(token);
      } catch (e) {
        reply.header('www-authenticate', 'Bearer error="invalid_token"');
        return reply
          .code(401)
          .send({ error: 'unauthorized', reason: e instanceof AuthError ? e.reason : 'invalid-token', message: UNAUTHORIZED });
      }
    });
  },
  { name: 'rulecard-auth', fastify: '5.x' },
);

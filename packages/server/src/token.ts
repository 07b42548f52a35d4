/**
 * `@cskit/server/token`: signed viewer tokens. The host's backend, which knows who the user is, mints a short-lived
 * JWT carrying the viewer's scope (and tenant); the browser sends it as `Authorization: Bearer <token>`; the handler
 * verifies it (signature, expiry, audience, issuer) and reads the scope from it. The cskit handler can then run
 * apart from the host's session store (another service, an edge function), and a viewer can never widen a scope:
 * the scope is signed, and still checked as any host's scope is (`checkScope`, fail closed).
 *
 * Signing and verifying are `jose`'s (JWS/JWT, every runtime with Web Crypto). Keys rotate by id: tokens are signed
 * with the first key and verified with any key whose id they name, so a new key is added first, an old one removed
 * once its last tokens have expired.
 *
 *   const keys = [{ id: '2026-12', secret: process.env.CSKIT_TOKEN_SECRET }];
 *   const token = await signViewerToken({ scope: { csmIds: [user.csmId] } }, { keys, audience: 'cskit' });   // host backend
 *   createCsHandler({ load, ...viewerTokens({ keys, audience: 'cskit' }) });                               // cskit handler
 */
import { jwtVerify, SignJWT, type CryptoKey, type JWK, type KeyObject } from 'jose';
import { checkScope, ViewerRefused, type CsScope } from './scope.js';

export { ViewerRefused } from './scope.js';

/** A signing key: a shared secret (HMAC SHA-256), or an asymmetric key with its algorithm (the backend signs with the private key). */
export type ViewerTokenKey =
  | { id: string; secret: string | Uint8Array }
  | { id: string; key: CryptoKey | KeyObject | JWK | Uint8Array; algorithm: 'ES256' | 'ES384' | 'EdDSA' | 'RS256' | 'PS256' };

export interface ViewerTokenOptions {
  /** Keys by id, the current one first (it signs); every one verifies the tokens that name it. */
  keys: readonly ViewerTokenKey[];
  /** Who the token is for (`aud`): the cskit handler's name, so a token minted for something else is refused. */
  audience: string;
  /** Who minted it (`iss`); checked when given. */
  issuer?: string;
}

export interface ViewerClaims {
  scope: CsScope;
  /** The tenant the viewer belongs to (with `viewerTokens`' `tenant`). */
  tenant?: string;
  /** Who the viewer is (`sub`), for the host's logs and per-viewer budgets. */
  subject?: string;
}

/** The longest a token may live: viewer tokens are meant to be minted per page and renewed, not kept. */
export const MAX_TOKEN_SECONDS = 60 * 60;

const encoder = new TextEncoder();
const secretOf = (secret: string | Uint8Array) => (typeof secret === 'string' ? encoder.encode(secret) : secret);

/** Mints a token for a viewer (in the host's backend). `expiresInSeconds` defaults to 15 minutes, at most an hour. */
export async function signViewerToken(claims: ViewerClaims, options: ViewerTokenOptions & { expiresInSeconds?: number }): Promise<string> {
  const key = options.keys[0];
  if (!key) throw new TypeError('signViewerToken: no key to sign with');
  const seconds = options.expiresInSeconds ?? 15 * 60;
  if (!(seconds > 0 && seconds <= MAX_TOKEN_SECONDS)) throw new RangeError(`expiresInSeconds must be from 1 to ${MAX_TOKEN_SECONDS}, got ${seconds}`);
  const scope = checkScope(claims.scope);
  if (scope === null) throw new TypeError('signViewerToken: a viewer who may see nothing needs no token');
  const algorithm = 'secret' in key ? 'HS256' : key.algorithm;
  let jwt = new SignJWT({ cskit: { scope, ...(claims.tenant === undefined ? {} : { tenant: claims.tenant }) } })
    .setProtectedHeader({ alg: algorithm, kid: key.id })
    .setAudience(options.audience)
    .setIssuedAt()
    .setExpirationTime(`${Math.floor(seconds)}s`);
  if (options.issuer) jwt = jwt.setIssuer(options.issuer);
  if (claims.subject) jwt = jwt.setSubject(claims.subject);
  return jwt.sign('secret' in key ? secretOf(key.secret) : (key.key as CryptoKey));
}

/** The bearer token of a request, or null. */
function bearer(request: Request): string | null {
  const header = request.headers.get('authorization') ?? '';
  const match = /^Bearer ([A-Za-z0-9_.-]{1,8192})$/i.exec(header.trim());
  return match ? (match[1] as string) : null;
}

/** Verifies a request's token: its claims, or `ViewerRefused` (401) saying what is wrong. */
export async function verifyViewerToken(request: Request, options: ViewerTokenOptions): Promise<ViewerClaims & { scope: CsScope }> {
  const token = bearer(request);
  if (token === null) throw new ViewerRefused(401, 'a viewer token is required (Authorization: Bearer <token>)');
  const byId = new Map(options.keys.map((key) => [key.id, key]));
  let payload: Record<string, unknown>;
  try {
    ({ payload } = await jwtVerify(token, (header) => {
      const key = typeof header.kid === 'string' ? byId.get(header.kid) : undefined;
      if (!key) throw new Error('unknown key id');
      const algorithm = 'secret' in key ? 'HS256' : key.algorithm;
      if (header.alg !== algorithm) throw new Error('unexpected algorithm');
      return ('secret' in key ? secretOf(key.secret) : key.key) as Uint8Array;
    }, { audience: options.audience, ...(options.issuer ? { issuer: options.issuer } : {}), requiredClaims: ['exp', 'iat'] }));
  } catch (error) {
    const expired = error instanceof Error && 'code' in error && (error as { code: string }).code === 'ERR_JWT_EXPIRED';
    throw new ViewerRefused(401, expired ? 'the viewer token has expired' : 'the viewer token is not valid');
  }
  if ((payload.exp as number) - (payload.iat as number) > MAX_TOKEN_SECONDS) throw new ViewerRefused(401, 'the viewer token lives too long');
  const claims = payload.cskit as { scope?: unknown; tenant?: unknown } | undefined;
  const scope = checkScope(claims?.scope);
  if (scope === null) throw new ViewerRefused(403, 'this viewer may not see any account');
  return {
    scope, ...(typeof claims?.tenant === 'string' ? { tenant: claims.tenant } : {}), ...(typeof payload.sub === 'string' ? { subject: payload.sub } : {}),
  };
}

/**
 * `scope` (and `tenant`) options for `createCsHandler` that read them from the request's viewer token; a request
 * without a valid one gets 401. A token's tenant must be the tenant the request is for.
 */
export function viewerTokens(options: ViewerTokenOptions): {
  scope: (request: Request, context: { tenant: string }) => Promise<CsScope>;
  tenant: (request: Request) => Promise<string | null>;
} {
  const verified = new WeakMap<Request, Promise<ViewerClaims & { scope: CsScope }>>();
  const claimsOf = (request: Request) => {
    let claims = verified.get(request);
    if (!claims) verified.set(request, (claims = verifyViewerToken(request, options)));
    return claims;
  };
  return {
    scope: async (request, { tenant }) => {
      const claims = await claimsOf(request);
      if ((claims.tenant ?? 'default') !== tenant) throw new ViewerRefused(403, 'the viewer token is for another tenant');
      return claims.scope;
    },
    tenant: async (request) => (await claimsOf(request)).tenant ?? 'default',
  };
}

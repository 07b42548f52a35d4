import { generateDataset } from '@cskit/sample-data';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { createCsHandler } from './handler.js';
import { signViewerToken, verifyViewerToken, viewerTokens } from './token.js';

const sample = generateDataset({ seed: 23, accounts: 80 });
const csm = sample.accounts[0]?.csmId as string;
const keys = [{ id: '2026-12', secret: 'a long random secret for the tests, not for production' }];
const options = { keys, audience: 'cskit-test' };
const withToken = (token: string | null, path = 'info', body: unknown = {}) =>
  new Request(`http://127.0.0.1/api/cskit/v1/${path}`, { method: 'POST', body: JSON.stringify(body), headers: token === null ? {} : { authorization: `Bearer ${token}` } });

describe('viewer tokens', () => {
  const handler = createCsHandler({ load: async () => sample, ...viewerTokens(options) });

  it('the host backend mints a token carrying the scope; the handler answers for that scope only', async () => {
    const token = await signViewerToken({ scope: { csmIds: [csm] }, subject: 'user-7' }, options);
    const info = await (await handler(withToken(token))).json() as { accountCount: number };
    expect(info.accountCount).toBe(sample.accounts.filter((a) => a.csmId === csm).length);
    expect(await verifyViewerToken(withToken(token), options)).toEqual({ scope: { csmIds: [csm] }, subject: 'user-7' });
  });

  it('no token, a bad one, another audience, an unknown key or an altered scope: 401 with WWW-Authenticate', async () => {
    const token = await signViewerToken({ scope: { csmIds: [csm] } }, options);
    const [header, payload, signature] = token.split('.') as [string, string, string];
    const widened = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload, 'base64url').toString()), cskit: { scope: { all: true, admin: true } } })).toString('base64url');
    const others = [
      null, 'not-a-token', `${header}.${widened}.${signature}`,
      await signViewerToken({ scope: { csmIds: [csm] } }, { ...options, audience: 'something-else' }),
      await signViewerToken({ scope: { csmIds: [csm] } }, { keys: [{ id: '2026-12', secret: 'another secret entirely, of the same length!!' }], audience: 'cskit-test' }),
      await signViewerToken({ scope: { csmIds: [csm] } }, { keys: [{ id: 'nobody', secret: keys[0]?.secret as string }], audience: 'cskit-test' }),
    ];
    for (const other of others) {
      const response = await handler(withToken(other));
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toBe('Bearer');
    }
  });

  it('an expired token, and one that lives longer than an hour, are refused; signing refuses too long a life', async () => {
    const secret = new TextEncoder().encode(keys[0]?.secret);
    const expired = await new SignJWT({ cskit: { scope: { csmIds: [csm] } } }).setProtectedHeader({ alg: 'HS256', kid: '2026-12' })
      .setAudience('cskit-test').setIssuedAt(Math.floor(Date.now() / 1000) - 3600).setExpirationTime(Math.floor(Date.now() / 1000) - 60).sign(secret);
    expect(await (await handler(withToken(expired))).json()).toEqual({ error: 'the viewer token has expired' });
    const forever = await new SignJWT({ cskit: { scope: { csmIds: [csm] } } }).setProtectedHeader({ alg: 'HS256', kid: '2026-12' })
      .setAudience('cskit-test').setIssuedAt().setExpirationTime('30d').sign(secret);
    expect(await (await handler(withToken(forever))).json()).toEqual({ error: 'the viewer token lives too long' });
    await expect(signViewerToken({ scope: { csmIds: [csm] } }, { ...options, expiresInSeconds: 86_400 })).rejects.toThrow(RangeError);
  });

  it('keys rotate: tokens of the old key verify while it is listed, and the new key signs', async () => {
    const old = await signViewerToken({ scope: { csmIds: [csm] } }, options);
    const rotated = [{ id: '2027-01', secret: 'the next secret, added before the old one is removed' }, ...keys];
    const during = createCsHandler({ load: async () => sample, ...viewerTokens({ keys: rotated, audience: 'cskit-test' }) });
    expect((await during(withToken(old))).status).toBe(200);
    const fresh = await signViewerToken({ scope: { csmIds: [csm] } }, { keys: rotated, audience: 'cskit-test' });
    expect(JSON.parse(Buffer.from(fresh.split('.')[0] as string, 'base64url').toString()).kid).toBe('2027-01');
    const after = createCsHandler({ load: async () => sample, ...viewerTokens({ keys: rotated.slice(0, 1), audience: 'cskit-test' }) });
    expect((await after(withToken(old))).status).toBe(401);
    expect((await after(withToken(fresh))).status).toBe(200);
  });

  it('asymmetric keys: the backend signs with the private key, the handler verifies with the public one', async () => {
    const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
    const jwk = await exportJWK(publicKey);
    const token = await signViewerToken({ scope: { all: true } }, { keys: [{ id: 'es', key: privateKey, algorithm: 'ES256' }], audience: 'cskit-test' });
    const verifying = createCsHandler({ load: async () => sample, ...viewerTokens({ keys: [{ id: 'es', key: jwk, algorithm: 'ES256' }], audience: 'cskit-test' }) });
    expect((await verifying(withToken(token))).status).toBe(200);
  });

  it('a token\'s tenant is the tenant it is answered from; a signed scope is still checked (fail closed)', async () => {
    const tenants = createCsHandler({ load: async ({ tenant }) => (tenant === 'acme' ? sample : generateDataset({ seed: 24, accounts: 30 })), ...viewerTokens(options) });
    const acme = await signViewerToken({ scope: { all: true }, tenant: 'acme' }, options);
    expect(await (await tenants(withToken(acme))).json()).toMatchObject({ accountCount: 80 });
    const globex = await signViewerToken({ scope: { all: true }, tenant: 'globex' }, options);
    expect(await (await tenants(withToken(globex))).json()).toMatchObject({ accountCount: 30 });
    await expect(signViewerToken({ scope: { filters: {} } as never }, options)).rejects.toThrow(TypeError);
  });
});

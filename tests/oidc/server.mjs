#!/usr/bin/env node
// Real OAuth 2.0 / OpenID Connect authorization server for the integration tests.
//
// oidc-provider (panva, OpenID Certified) plus a small protected API (GET /api/hello) in one
// Node process, bound to 127.0.0.1 only, all state in memory (fresh keys on every start).
//
//   node tests/oidc/server.mjs [--port N] [--port-file PATH]
//
// --port 0 (the default) picks a free port. Once listening, exactly one line
// "READY http://127.0.0.1:PORT" is printed to stdout; everything else (library notices,
// request log, error details) goes to stderr. With --port-file the port number is also
// written (atomically: temp file + rename) to PATH. SIGTERM / SIGINT stop it cleanly.
//
// Endpoints (issuer http://127.0.0.1:PORT): /token, /token/introspection, /token/revocation,
// /auth, /me, /jwks, /device/auth, /request, /.well-known/openid-configuration, /api/hello.
//
// Authorization code flow: public-client (none, PKCE S256 required), code-basic / code-post
// (confidential). Login and consent are the library's devInteractions pages; browser.mjs plays the
// user's browser through them.

import { randomBytes } from 'node:crypto';
import { renameSync, writeFileSync } from 'node:fs';
import * as http from 'node:http';
import * as querystring from 'node:querystring';

import * as jose from 'jose';
import Provider, { errors } from 'oidc-provider';

// ---------------------------------------------------------------------------------------------
// stdout carries only the READY line: route console output of the library (its NOTICEs use
// console.info) to stderr.
for (const level of ['log', 'info', 'debug']) {
  console[level] = (...args) => console.error(...args);
}

function usage(message) {
  process.stderr.write(`server.mjs: ${message}\nusage: node server.mjs [--port N] [--port-file PATH]\n`);
  process.exit(2);
}

function parseArgs(argv) {
  const opts = { port: 0, portFile: undefined };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    const eq = arg.indexOf('=');
    const name = eq === -1 ? arg : arg.slice(0, eq);
    const value = () => {
      if (eq !== -1) return arg.slice(eq + 1);
      i += 1;
      if (i >= argv.length) usage(`${name} needs a value`);
      return argv[i];
    };
    switch (name) {
      case '--port': {
        const v = value();
        if (!/^\d+$/.test(v) || Number(v) > 65535) usage(`invalid port: ${v}`);
        opts.port = Number(v);
        break;
      }
      case '--port-file':
        opts.portFile = value();
        break;
      case '-h':
      case '--help':
        process.stdout.write('usage: node server.mjs [--port N] [--port-file PATH]\n');
        process.exit(0);
        break;
      default:
        usage(`unknown argument: ${arg}`);
    }
  }
  return opts;
}

const opts = parseArgs(process.argv.slice(2));
const HOST = '127.0.0.1';

// ---------------------------------------------------------------------------------------------
// Test fixtures: clients and resource servers.

const RESOURCE_JWT = 'https://api.example.test';
const RESOURCE_OPAQUE = 'https://opaque.example.test';

// oidc-provider only accepts client_id / client_secret made of printable ASCII (%x20-7E, the
// VSCHAR of RFC 6749 Appendix A): a secret with "äö" is refused at start-up with
// "invalid_client_metadata: invalid client_secret value". The weird client therefore uses the
// most hostile ASCII it accepts: ':' (Basic separator), '%' and '+' (form-urlencoding), space,
// and '&', '/', '=', '?', '#', '~' in the secret.
const CLIENT_SECRET_CLIENTS = [
  { client_id: 'basic-client', client_secret: 'basic-secret', token_endpoint_auth_method: 'client_secret_basic' },
  { client_id: 'post-client', client_secret: 'post-secret', token_endpoint_auth_method: 'client_secret_post' },
  { client_id: 'weird:client id%+', client_secret: 's3cr:et%+ &/=?#~', token_endpoint_auth_method: 'client_secret_basic' },
  // used by the protected API below to call the introspection endpoint
  { client_id: 'api-client', client_secret: 'api-secret', token_endpoint_auth_method: 'client_secret_basic' },
];

// Authorization code flow clients: native, so the loopback redirect URI matches any port; allowed
// the refresh_token grant, so issueRefreshToken (below) gives them a refresh token every time.
const CODE_FLOW_CLIENT = {
  application_type: 'native',
  grant_types: ['authorization_code', 'refresh_token'],
  response_types: ['code'],
  redirect_uris: ['http://127.0.0.1/callback'],
};
const CODE_FLOW_CONFIDENTIAL_CLIENTS = [
  { client_id: 'code-basic', client_secret: 'code-basic-secret', token_endpoint_auth_method: 'client_secret_basic' },
  { client_id: 'code-post', client_secret: 'code-post-secret', token_endpoint_auth_method: 'client_secret_post' },
];

const clients = [
  ...CLIENT_SECRET_CLIENTS.map((c) => ({
    ...c,
    grant_types: ['client_credentials'],
    response_types: [],
    redirect_uris: [],
  })),
  // Native public client for the authorization code flow with PKCE (S256 only). Being
  // application_type native, its loopback redirect URI matches any port (RFC 8252 §7.3).
  {
    client_id: 'public-client',
    token_endpoint_auth_method: 'none',
    ...CODE_FLOW_CLIENT,
  },
  // Confidential native clients for the authorization code flow: PKCE optional (the library
  // requires it for public clients only), the authentication method enforced by the middleware
  // below at the token endpoint, also for refresh requests.
  ...CODE_FLOW_CONFIDENTIAL_CLIENTS.map((c) => ({ ...c, ...CODE_FLOW_CLIENT })),
];

function getResourceServerInfo(ctx, resourceIndicator, client) {
  switch (resourceIndicator) {
    case RESOURCE_JWT:
      return {
        scope: 'read write',
        audience: RESOURCE_JWT,
        accessTokenFormat: 'jwt',
        jwt: { sign: { alg: 'RS256' } },
      };
    case RESOURCE_OPAQUE:
      return {
        scope: 'read write',
        audience: RESOURCE_OPAQUE,
        accessTokenFormat: 'opaque',
      };
    default:
      throw new errors.InvalidTarget();
  }
}

// ---------------------------------------------------------------------------------------------
// Listen first (port 0 = any free port), then build the provider with the real port in the issuer.

let handler = (req, res) => {
  res.writeHead(503, { 'content-type': 'text/plain' }).end('starting\n');
};
const server = http.createServer((req, res) => handler(req, res));
server.keepAliveTimeout = 5000;

try {
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, HOST, () => {
      server.off('error', reject);
      resolve();
    });
  });
} catch (err) {
  process.stderr.write(`server.mjs: cannot listen on ${HOST}:${opts.port}: ${err.message}\n`);
  process.exit(1);
}

const { port } = server.address();
const issuer = `http://${HOST}:${port}`;

// Fresh in-memory signing key (RS256) for ID tokens and JWT access tokens.
const { privateKey } = await jose.generateKeyPair('RS256', { extractable: true });
const signingJwk = {
  ...(await jose.exportJWK(privateKey)), kid: `test-${randomBytes(6).toString('hex')}`, use: 'sig', alg: 'RS256',
};
const { d, p, q, dp, dq, qi, ...publicJwk } = signingJwk;
const localJwks = jose.createLocalJWKSet({ keys: [publicJwk] });

const configuration = {
  clients,
  jwks: { keys: [signingJwk] },
  cookies: { keys: [randomBytes(32).toString('base64url')] },
  scopes: ['openid', 'offline_access', 'read', 'write'],
  claims: { openid: ['sub'] },
  findAccount(ctx, sub) {
    // devInteractions: any login name is an account
    return { accountId: sub, claims: () => ({ sub }) };
  },
  features: {
    devInteractions: { enabled: true },
    clientCredentials: { enabled: true },
    introspection: {
      enabled: true,
      // the library's default policy, set explicitly (silences its "SHOULD change" notice)
      allowedPolicy(ctx, client, token) {
        return !(client.clientAuthMethod === 'none' && token.clientId !== client.clientId);
      },
    },
    revocation: {
      enabled: true,
      allowedPolicy(ctx, client, token) {
        if (token.clientId !== client.clientId) {
          if (client.clientAuthMethod === 'none') return false;
          throw new errors.InvalidRequest('client is not authorized to revoke the presented token');
        }
        return true;
      },
    },
    resourceIndicators: {
      enabled: true,
      defaultResource: () => undefined,
      useGrantedResource: () => true,
      getResourceServerInfo,
    },
  },
  // Issue a refresh token to every client allowed the refresh_token grant (the default needs
  // offline_access + prompt=consent).
  issueRefreshToken: (ctx, client) => client.grantTypeAllowed('refresh_token'),
  ttl: {
    AccessToken: (ctx, token) => token.resourceServer?.accessTokenTTL || 60 * 60,
    AuthorizationCode: 60,
    ClientCredentials: (ctx, token) => token.resourceServer?.accessTokenTTL || 10 * 60,
    DeviceCode: 10 * 60,
    Grant: 14 * 24 * 60 * 60,
    IdToken: 60 * 60,
    Interaction: 60 * 60,
    RefreshToken: 14 * 24 * 60 * 60,
    Session: 14 * 24 * 60 * 60,
    BackchannelAuthenticationRequest: 10 * 60,
  },
  clientBasedCORS: () => true,
};

const provider = new Provider(issuer, configuration);

// oidc-provider validates static clients lazily (on first use); validate them now so that a bad
// fixture fails at start-up instead of as an obscure error in some test.
for (const { client_id: id } of clients) {
  try {
    await provider.Client.find(id);
  } catch (err) {
    process.stderr.write(`server.mjs: invalid client ${JSON.stringify(id)}: ${err.message}: ${err.error_description ?? ''}\n`);
    process.exit(1);
  }
}

// ---------------------------------------------------------------------------------------------
// Error visibility: log every error the provider answers with (including the detail it keeps
// out of error_description, e.g. "invalid secret provided" behind "client authentication
// failed"), and pass that detail on in the JSON body as a non-standard "error_detail" member.
for (const event of [
  'grant.error', 'introspection.error', 'revocation.error', 'authorization.error',
  'userinfo.error', 'pushed_authorization_request.error', 'device_authorization.error',
  'check_session_origin.error', 'end_session.error', 'jwks.error', 'discovery.error',
  'registration_create.error', 'code_verification.error',
]) {
  provider.on(event, (ctx, err) => {
    console.error(`[oidc] ${event}: ${err.message}: ${err.error_description ?? ''}${err.error_detail ? ` (${err.error_detail})` : ''}`);
    if (err.error_detail && ctx.body && typeof ctx.body === 'object' && !Buffer.isBuffer(ctx.body)
        && ctx.body.error && ctx.body.error_detail === undefined) {
      ctx.body.error_detail = err.error_detail;
    }
  });
}
provider.on('server_error', (ctx, err) => {
  console.error(`[oidc] server_error on ${ctx.method} ${ctx.path}:`, err);
});

// ---------------------------------------------------------------------------------------------
// Request log (stderr).
provider.use(async (ctx, next) => {
  const started = Date.now();
  try {
    await next();
  } finally {
    const err = ctx.body && typeof ctx.body === 'object' && !Buffer.isBuffer(ctx.body) && ctx.body.error
      ? ` ${ctx.body.error}: ${ctx.body.error_description ?? ''}` : '';
    console.error(`[oidc] ${ctx.method} ${ctx.path} -> ${ctx.status} (${Date.now() - started} ms)${err}`);
  }
});

// ---------------------------------------------------------------------------------------------
// Strict client authentication method. The library treats client_secret_basic and
// client_secret_post as interchangeable for a client; here a client must use the method it is
// registered with. The form body of the three client-authenticating endpoints is read here and
// then handed to the library unchanged (see replayBody).

const CLIENT_AUTH_PATHS = new Set(['/token', '/token/introspection', '/token/revocation']);
const BODY_LIMIT = 56 * 1024; // the library's own limit

// Make the already-read body readable once more by the library's body parser, which checks
// req.readable and then iterates req.iterator(). Nothing else reads the raw request.
function replayBody(req, body) {
  let consumed = false;
  Object.defineProperty(req, 'readable', { configurable: true, get: () => !consumed });
  req.iterator = function iterator() {
    consumed = true;
    return (async function* chunks() { if (body.length) yield body; }());
  };
}

async function readRawBody(req) {
  const chunks = [];
  let received = 0;
  for await (const chunk of req) {
    received += chunk.length;
    chunks.push(chunk);
    if (received > BODY_LIMIT) break; // too large: the library's parser answers that
  }
  return Buffer.concat(chunks);
}

// Form-urldecode one half of the Basic credentials the way the library does
// (RFC 6749 §2.3.1: client_id and client_secret are form-urlencoded before base64).
function formDecode(s) {
  return decodeURIComponent(s.replace(/\+/g, '%20'));
}

function authMethodUsed(authorization, params) {
  const hasBodySecret = params.client_secret !== undefined && params.client_secret !== '';
  if (authorization !== undefined) {
    if (hasBodySecret) return undefined; // two mechanisms: the library refuses that itself
    const m = /^basic\s+(\S+)\s*$/i.exec(authorization);
    if (!m) return undefined;
    const decoded = Buffer.from(m[1], 'base64').toString('utf8');
    const i = decoded.indexOf(':');
    if (i === -1) return undefined;
    try {
      return { method: 'client_secret_basic', clientId: formDecode(decoded.slice(0, i)) };
    } catch {
      return undefined; // badly encoded: the library answers invalid_request
    }
  }
  if (hasBodySecret && typeof params.client_id === 'string') {
    return { method: 'client_secret_post', clientId: params.client_id };
  }
  return undefined; // none, JWT assertions, ...: left to the library
}

provider.use(async (ctx, next) => {
  if (ctx.method !== 'POST' || !CLIENT_AUTH_PATHS.has(ctx.path)
      || !ctx.is('application/x-www-form-urlencoded')) {
    return next();
  }

  const body = await readRawBody(ctx.req);
  replayBody(ctx.req, body);

  let params;
  try {
    params = querystring.parse(body.toString('utf8'));
  } catch {
    return next();
  }

  const used = authMethodUsed(ctx.get('authorization') || undefined, params);
  if (used) {
    let client;
    try {
      client = await provider.Client.find(used.clientId);
    } catch {
      client = undefined;
    }
    const registered = client?.clientAuthMethod;
    if (['client_secret_basic', 'client_secret_post'].includes(registered) && registered !== used.method) {
      const description = `client authentication method mismatch: expected ${registered}, got ${used.method}`;
      ctx.status = 401;
      ctx.set('Cache-Control', 'no-store');
      ctx.set('Pragma', 'no-cache');
      if (used.method === 'client_secret_basic') {
        ctx.set('WWW-Authenticate', `Basic realm="${issuer}", error="invalid_client", error_description="${description}"`);
      }
      ctx.body = { error: 'invalid_client', error_description: description };
      return undefined;
    }
  }

  return next();
});

// ---------------------------------------------------------------------------------------------
// Protected API: GET /api/hello with a Bearer access token (RFC 6750).
//   JWT access tokens (RFC 9068): verified against the provider's key (its /jwks), iss, typ, exp.
//   Opaque access tokens: sent to the provider's introspection endpoint as api-client.

const API_REALM = 'oidc-test';
const apiClientBasic = `Basic ${Buffer.from(
  `${encodeURIComponent('api-client')}:${encodeURIComponent('api-secret')}`,
).toString('base64')}`;

// quoted-string safe text for WWW-Authenticate (RFC 6750 §3: no '"' or '\')
function quoteSafe(s) {
  return String(s).replace(/[^\x20\x21\x23-\x5B\x5D-\x7E]/g, "'");
}

function bearerError(ctx, status, error, description) {
  ctx.status = status;
  ctx.set('Cache-Control', 'no-store');
  ctx.set('WWW-Authenticate', `Bearer realm="${API_REALM}", error="${error}", error_description="${quoteSafe(description)}"`);
  ctx.body = { error, error_description: description };
}

async function validateJwt(token) {
  try {
    const { payload } = await jose.jwtVerify(token, localJwks, {
      issuer,
      typ: 'at+jwt',
      algorithms: ['RS256'],
      requiredClaims: ['exp'],
    });
    return { payload };
  } catch (err) {
    if (err instanceof jose.errors.JWTExpired) return { error: 'the access token expired' };
    if (err instanceof jose.errors.JWSSignatureVerificationFailed) return { error: 'JWT signature verification failed' };
    if (err instanceof jose.errors.JWKSNoMatchingKey) return { error: 'JWT signed with an unknown key' };
    return { error: `invalid JWT access token: ${err.message}` };
  }
}

async function introspect(token) {
  const res = await fetch(`${issuer}/token/introspection`, {
    method: 'POST',
    headers: {
      authorization: apiClientBasic,
      'content-type': 'application/x-www-form-urlencoded',
      accept: 'application/json',
    },
    body: new URLSearchParams({ token, token_type_hint: 'access_token' }),
  });
  const data = await res.json().catch(() => undefined);
  if (!res.ok || !data || typeof data !== 'object') {
    throw new Error(`introspection failed: HTTP ${res.status} ${JSON.stringify(data)}`);
  }
  return data;
}

provider.use(async (ctx, next) => {
  if (ctx.path !== '/api/hello') return next();

  if (ctx.method !== 'GET' && ctx.method !== 'HEAD') {
    ctx.status = 405;
    ctx.set('Allow', 'GET, HEAD');
    ctx.body = { error: 'method_not_allowed' };
    return undefined;
  }

  const authorization = ctx.get('authorization');
  const m = /^bearer(?:\s+(.*))?$/i.exec(authorization.trim());
  if (!m) {
    // no authentication information: no error code (RFC 6750 §3.1)
    ctx.status = 401;
    ctx.set('WWW-Authenticate', `Bearer realm="${API_REALM}"`);
    ctx.body = { error: 'unauthorized', error_description: 'missing Bearer access token' };
    return undefined;
  }
  const token = (m[1] || '').trim();
  if (!token) {
    bearerError(ctx, 401, 'invalid_token', 'empty Bearer access token');
    return undefined;
  }

  let claims;
  let format;
  if (token.split('.').length === 3) {
    format = 'jwt';
    const { payload, error } = await validateJwt(token);
    if (error) {
      bearerError(ctx, 401, 'invalid_token', error);
      return undefined;
    }
    claims = payload;
  } else {
    format = 'opaque';
    let data;
    try {
      data = await introspect(token);
    } catch (err) {
      console.error(`[oidc] /api/hello: ${err.message}`);
      ctx.status = 500;
      ctx.body = { error: 'server_error', error_description: err.message };
      return undefined;
    }
    if (data.active !== true) {
      bearerError(ctx, 401, 'invalid_token', 'the access token is not active (unknown, expired or revoked)');
      return undefined;
    }
    if (typeof data.exp === 'number' && data.exp <= Math.floor(Date.now() / 1000)) {
      bearerError(ctx, 401, 'invalid_token', 'the access token expired');
      return undefined;
    }
    claims = data;
  }

  ctx.status = 200;
  ctx.set('Cache-Control', 'no-store');
  ctx.body = {
    message: 'hello',
    sub: claims.sub ?? null,
    client_id: claims.client_id ?? null,
    scope: claims.scope ?? null,
    token_format: format,
  };
  return undefined;
});

// ---------------------------------------------------------------------------------------------

handler = provider.callback();

if (opts.portFile) {
  const tmp = `${opts.portFile}.tmp-${process.pid}`;
  writeFileSync(tmp, `${port}\n`);
  renameSync(tmp, opts.portFile);
}

process.stdout.write(`READY ${issuer}\n`);

let stopping = false;
function shutdown(signal) {
  if (stopping) return;
  stopping = true;
  console.error(`[oidc] ${signal}: shutting down`);
  server.close(() => process.exit(0));
  server.closeAllConnections();
  setTimeout(() => process.exit(0), 2000).unref();
}
process.on('SIGTERM', () => shutdown('SIGTERM'));
process.on('SIGINT', () => shutdown('SIGINT'));

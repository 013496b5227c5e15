// Proves the built-in sandbox authorization server with an independent client: the npm package openid-client.
//   node sandbox-client.mjs PATH/TO/oauth-debugger-cli
// Starts `oauth-debugger-cli sandbox --port 0 --json --auto-approve --data-dir <temp>`, then runs the checks
// below against it. Each check prints one PASS or FAIL line; any FAIL makes the exit status 1. The sandbox is
// stopped at the end, also after a failure, and the whole run is bounded by RUN_TIMEOUT_SECONDS.

import * as client from 'openid-client';

import { SandboxProcess } from './sandbox-process.mjs';
import { WireRecorder, basicCredentials } from './wire-recorder.mjs';

const RUN_TIMEOUT_SECONDS = 60;
const REQUEST_TIMEOUT_SECONDS = 10;
const CONFIDENTIAL_ID = 'sandbox-confidential';
const PUBLIC_ID = 'sandbox-public';
// Registered for both demo clients; the sandbox never has to reach it, the redirect is read, not followed.
const REDIRECT_URI = 'http://127.0.0.1/callback';
const DEMO_USER = 'sandbox-user';

// ---- reporting ----------------------------------------------------------------------------------------------

let failures = 0;

function describe(error) {
  if (error instanceof client.ResponseBodyError) {
    return `HTTP ${error.status} error=${error.error}` +
      (error.error_description ? ` (${error.error_description})` : '');
  }
  if (error instanceof client.WWWAuthenticateChallengeError) {
    const challenge = error.cause?.[0];
    return `HTTP ${error.status} WWW-Authenticate ${challenge?.scheme} ${JSON.stringify(challenge?.parameters)}`;
  }
  if (error instanceof client.AuthorizationResponseError) {
    return `authorization response error=${error.error}` +
      (error.error_description ? ` (${error.error_description})` : '');
  }
  const code = error?.code ? ` [${error.code}]` : '';
  const cause = error?.cause?.message ? ` (cause: ${error.cause.message})` : '';
  return `${error?.message ?? String(error)}${code}${cause}`;
}

// Runs one check; `body` returns a short detail for the PASS line (or nothing) and throws on failure.
// `knownDeviation` names a sandbox bug that is known and reported but not fixed yet: the check still fails
// (nothing is hidden), and its FAIL line says so; once it passes, the note should go.
async function check(name, body, { knownDeviation } = {}) {
  try {
    const detail = await body();
    console.log(`PASS  ${name}${detail ? ` — ${detail}` : ''}`);
    if (knownDeviation) console.log('      (the known deviation noted for this check is fixed: remove the note)');
    return true;
  } catch (error) {
    failures += 1;
    console.log(`FAIL  ${name}: ${describe(error)}`);
    if (knownDeviation) console.log(`      known sandbox deviation: ${knownDeviation}`);
    return false;
  }
}

function expect(condition, message) {
  if (!condition) throw new Error(message);
}

function expectEqual(actual, wanted, what) {
  expect(actual === wanted, `${what} is ${JSON.stringify(actual)}, expected ${JSON.stringify(wanted)}`);
}

// A result that an earlier check should have produced; a clear reason when it did not.
function needs(value, what) {
  if (value === undefined || value === null) throw new Error(`not run: ${what} failed earlier`);
  return value;
}

// The call must be refused by the server with this OAuth error code (RFC 6749 §5.2). openid-client reports a
// 401 that carries a WWW-Authenticate challenge (invalid_client) as a challenge error; its body is still unread.
async function expectOAuthError(call, wantedError, wantedStatus) {
  let result;
  try {
    result = await call();
  } catch (error) {
    const status = error.status;
    let code = error.error;
    let challenge = '';
    if (error instanceof client.WWWAuthenticateChallengeError) {
      code = (await error.response.json().catch(() => ({}))).error;
      challenge = `, WWW-Authenticate: ${error.cause.map((c) => c.scheme).join(', ')}`;
    } else if (!(error instanceof client.ResponseBodyError)) {
      throw error;
    }
    expectEqual(code, wantedError, 'the error code');
    if (wantedStatus !== undefined) expectEqual(status, wantedStatus, 'the HTTP status');
    return `refused: HTTP ${status} ${code}${challenge}`;
  }
  throw new Error(`expected error=${wantedError}, but the server answered ${JSON.stringify(result)}`);
}

// The resource server must answer 401 with a Bearer challenge carrying error="invalid_token" (RFC 6750 §3.1).
async function expectInvalidToken(call) {
  try {
    await call();
  } catch (error) {
    if (!(error instanceof client.WWWAuthenticateChallengeError)) throw error;
    const bearer = error.cause.find((challenge) => challenge.scheme === 'bearer');
    expect(bearer, `no Bearer challenge in ${JSON.stringify(error.cause)}`);
    expectEqual(error.status, 401, 'the HTTP status');
    expectEqual(bearer.parameters.error, 'invalid_token', 'the challenge error');
    return `refused: HTTP 401, WWW-Authenticate: Bearer error="invalid_token"`;
  }
  throw new Error('expected a 401 Bearer challenge, but the request succeeded');
}

// ---- openid-client set-up -----------------------------------------------------------------------------------

const wire = new WireRecorder();

// A configuration for one client on the discovered server, over plain HTTP (127.0.0.1), with every request
// recorded, a per-request timeout and ID token signatures verified against the sandbox's JWKS.
function configure(config) {
  client.allowInsecureRequests(config);
  client.enableNonRepudiationChecks(config);
  config.timeout = REQUEST_TIMEOUT_SECONDS;
  config[client.customFetch] = wire.fetch;
  return config;
}

function configFor(serverMetadata, clientId, clientSecret, auth) {
  const metadata = clientSecret ? { client_secret: clientSecret } : {};
  return configure(new client.Configuration(serverMetadata, clientId, metadata, auth));
}

// The authorization request in a browser, without one: the sandbox auto-approves and answers with a redirect
// to redirect_uri; its Location is the callback URL the client would receive.
async function authorize(config, { scope = 'openid profile email offline_access' } = {}) {
  const verifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const nonce = client.randomNonce();
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: REDIRECT_URI,
    scope,
    code_challenge: await client.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state,
    nonce,
  });
  const response = await fetch(url, {
    redirect: 'manual',
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_SECONDS * 1000),
  });
  const location = response.headers.get('location');
  expect(response.status === 302 || response.status === 303,
    `the authorization endpoint answered HTTP ${response.status} instead of a redirect: ${await response.text()}`);
  expect(location, 'the redirect has no Location header');
  const callback = new URL(location, url);
  expectEqual(`${callback.origin}${callback.pathname}`, REDIRECT_URI, 'the redirect target');
  return { callback, verifier, state, nonce };
}

// ---- the checks ---------------------------------------------------------------------------------------------

async function runChecks(ready) {
  const issuer = ready.issuer;
  const confidential = (ready.clients ?? []).find((c) => c.client_id === CONFIDENTIAL_ID);

  let discovered;
  await check('discovery: issuer, endpoints and PKCE S256 announced (OpenID Connect Discovery §4, RFC 8414)',
    async () => {
      expect(confidential?.client_secret, `the ready line has no ${CONFIDENTIAL_ID} with a secret`);
      const options = { execute: [client.allowInsecureRequests], timeout: REQUEST_TIMEOUT_SECONDS };
      discovered = configure(await client.discovery(new URL(issuer), CONFIDENTIAL_ID, confidential.client_secret,
        client.ClientSecretBasic(confidential.client_secret), options));
      const server = discovered.serverMetadata();
      expectEqual(server.issuer, issuer, 'issuer');
      for (const endpoint of ['authorization_endpoint', 'token_endpoint', 'jwks_uri', 'userinfo_endpoint',
        'introspection_endpoint', 'revocation_endpoint']) {
        expect(server[endpoint], `${endpoint} is missing`);
      }
      expect(server.supportsPKCE('S256'), 'code_challenge_methods_supported lacks S256');
      return issuer;
    });
  const server = needs(discovered, 'discovery').serverMetadata();
  const basicConfig = discovered;
  const postConfig = configFor(server, CONFIDENTIAL_ID, confidential.client_secret,
    client.ClientSecretPost(confidential.client_secret));
  const publicConfig = configFor(server, PUBLIC_ID, null, client.None());
  const tokenEndpoint = server.token_endpoint;

  // -- client credentials (RFC 6749 §4.4) with both secret-based client authentications (§2.3.1)
  let clientToken;
  await check('client credentials with client_secret_basic (RFC 6749 §4.4, §2.3.1)', async () => {
    const tokens = await client.clientCredentialsGrant(basicConfig, { scope: 'read' });
    const sent = wire.last(tokenEndpoint);
    const basic = basicCredentials(sent);
    expect(basic, 'the token request carried no Basic credentials');
    expectEqual(basic.clientId, CONFIDENTIAL_ID, 'the Basic client_id');
    expect(!sent.form.has('client_secret'), 'client_secret was also sent in the body');
    expectEqual(tokens.token_type, 'bearer', 'token_type');
    expect(tokens.access_token, 'no access_token');
    expect(tokens.expiresIn() > 0, `expires_in is ${tokens.expires_in}`);
    expectEqual(tokens.scope, 'read', 'scope');
    clientToken = tokens.access_token;
    return `access token for ${CONFIDENTIAL_ID}, expires in ${tokens.expires_in} s`;
  });

  await check('client credentials with client_secret_post (RFC 6749 §4.4, §2.3.1)', async () => {
    const tokens = await client.clientCredentialsGrant(postConfig, { scope: 'read write' });
    const sent = wire.last(tokenEndpoint);
    expect(!sent.headers.has('authorization'), 'an Authorization header was also sent');
    expectEqual(sent.form.get('client_id'), CONFIDENTIAL_ID, 'the client_id in the body');
    expect(sent.form.get('client_secret'), 'no client_secret in the body');
    expect(tokens.access_token, 'no access_token');
    expectEqual(tokens.scope, 'read write', 'scope');
    return 'access token with scope "read write"';
  });

  await check('client credentials with a wrong secret is refused (RFC 6749 §5.2 invalid_client)', async () => {
    const wrong = configFor(server, CONFIDENTIAL_ID, 'wrong-secret', client.ClientSecretBasic('wrong-secret'));
    const refused = await expectOAuthError(() => client.clientCredentialsGrant(wrong, { scope: 'read' }),
      'invalid_client', 401);
    // §5.2: a 401 names the scheme the client used, here Basic.
    expect(/WWW-Authenticate: basic/.test(refused), `no Basic challenge: ${refused}`);
    return refused;
  });

  await check('protected API accepts the client credentials token (RFC 6750 §2.1)', async () => {
    const response = await client.fetchProtectedResource(basicConfig, needs(clientToken, 'client credentials'),
      new URL('/api/hello', issuer), 'GET');
    expectEqual(response.status, 200, 'the HTTP status');
    const body = await response.json();
    expectEqual(body.client_id, CONFIDENTIAL_ID, 'client_id');
    return `HTTP 200 ${JSON.stringify(body.message)}`;
  });

  // -- authorization code + PKCE S256 with the public client (RFC 6749 §4.1, RFC 7636, OIDC Core §3.1)
  let signIn;
  await check('authorization code + PKCE S256, public client: state, iss, PKCE and ID token (incl. nonce and ' +
    'signature) validated by openid-client', async () => {
    const { callback, verifier, state, nonce } = await authorize(publicConfig);
    expectEqual(callback.searchParams.get('iss'), issuer, 'the callback iss (RFC 9207)');
    const tokens = await client.authorizationCodeGrant(publicConfig, callback, {
      pkceCodeVerifier: verifier,
      expectedState: state,
      expectedNonce: nonce,
      idTokenExpected: true,
    });
    const sent = wire.last(tokenEndpoint);
    expectEqual(sent.form.get('code_verifier'), verifier, 'the code_verifier sent');
    expectEqual(sent.form.get('client_id'), PUBLIC_ID, 'the client_id sent');
    expect(!sent.form.has('client_secret') && !sent.headers.has('authorization'),
      'a public client sent client credentials');
    const claims = tokens.claims();
    expectEqual(claims.sub, DEMO_USER, 'the ID token sub');
    expectEqual(claims.aud, PUBLIC_ID, 'the ID token aud');
    expectEqual(claims.nonce, nonce, 'the ID token nonce');
    expect(tokens.access_token && tokens.refresh_token, 'no access token or no refresh token');
    expectEqual(tokens.token_type, 'bearer', 'token_type');
    signIn = { tokens, claims };
    return `sub ${claims.sub}, scope "${tokens.scope}"`;
  });

  await check('an authorization code works only once (RFC 6749 §4.1.2 invalid_grant)', async () => {
    const { callback, verifier, state, nonce } = await authorize(publicConfig);
    const checks = { pkceCodeVerifier: verifier, expectedState: state, expectedNonce: nonce };
    await client.authorizationCodeGrant(publicConfig, callback, checks);
    return expectOAuthError(() => client.authorizationCodeGrant(publicConfig, callback, checks), 'invalid_grant');
  });

  await check('a wrong PKCE code_verifier is refused (RFC 7636 §4.6 invalid_grant)', async () => {
    const { callback, state, nonce } = await authorize(publicConfig);
    const wrongVerifier = client.randomPKCECodeVerifier();
    return expectOAuthError(() => client.authorizationCodeGrant(publicConfig, callback,
      { pkceCodeVerifier: wrongVerifier, expectedState: state, expectedNonce: nonce }), 'invalid_grant');
  });

  // -- userinfo (OIDC Core §5.3)
  await check('userinfo: sub matches the ID token, profile and email claims (OpenID Connect Core §5.3)',
    async () => {
      const { tokens, claims } = needs(signIn, 'the code flow');
      const info = await client.fetchUserInfo(publicConfig, tokens.access_token, claims.sub);
      expect(info.name, 'no name claim for the profile scope');
      expect(info.email, 'no email claim for the email scope');
      return `sub ${info.sub}, name ${JSON.stringify(info.name)}, email ${info.email}`;
    });

  // -- introspection (RFC 7662) by the confidential client
  await check('introspection of a live access token: active (RFC 7662 §2.2)', async () => {
    const { tokens } = needs(signIn, 'the code flow');
    const answer = await client.tokenIntrospection(basicConfig, tokens.access_token);
    expectEqual(answer.active, true, 'active');
    expectEqual(answer.client_id, PUBLIC_ID, 'client_id');
    expectEqual(answer.sub, DEMO_USER, 'sub');
    expect(typeof answer.exp === 'number', 'no exp');
    return `active, client_id ${answer.client_id}, scope "${answer.scope}"`;
  });

  await check('introspection needs client authentication: the public client is refused (RFC 7662 §2.1)',
    async () => {
      const { tokens } = needs(signIn, 'the code flow');
      return expectOAuthError(() => client.tokenIntrospection(publicConfig, tokens.access_token),
        'invalid_client', 401);
    });

  // -- refresh with rotation (RFC 6749 §6, RFC 9700 §4.14.2) and the refreshed ID token (OIDC Core §12.2)
  let refreshed;
  await check('refresh: new access token and a rotated refresh token (RFC 6749 §6)', async () => {
    const { tokens, claims } = needs(signIn, 'the code flow');
    // The refreshed ID token must keep the original auth_time (checked below); wait for the clock's next
    // second so that an auth_time set at refresh time cannot match the original by coincidence.
    await untilEpochSecondAfter(claims.auth_time ?? claims.iat);
    const next = await client.refreshTokenGrant(publicConfig, tokens.refresh_token);
    expect(next.access_token && next.access_token !== tokens.access_token, 'no new access token');
    expect(next.refresh_token, 'no refresh token: the refresh token was not rotated');
    expect(next.refresh_token !== tokens.refresh_token, 'the same refresh token came back: not rotated');
    refreshed = next;
    return 'new access token, new refresh token';
  });

  await check('refresh: the new ID token has the same iss, sub and aud (OpenID Connect Core §12.2)', async () => {
    const { claims } = needs(signIn, 'the code flow');
    const next = needs(refreshed, 'the refresh');
    const fresh = next.claims();
    expect(fresh, 'no ID token in the refresh response (allowed, but the sandbox issues one for openid)');
    expectEqual(fresh.iss, claims.iss, 'iss');
    expectEqual(fresh.sub, claims.sub, 'sub');
    expectEqual(fresh.aud, claims.aud, 'aud');
    return `iss, sub ${fresh.sub}, aud ${fresh.aud}`;
  });

  await check('refresh: the new ID token keeps auth_time of the original sign-in (OpenID Connect Core §12.2)',
    async () => {
      const { claims } = needs(signIn, 'the code flow');
      const fresh = needs(refreshed, 'the refresh').claims();
      expect(fresh, 'no ID token in the refresh response');
      expectEqual(fresh.auth_time, claims.auth_time, 'auth_time');
      return `auth_time ${fresh.auth_time}`;
    });

  await check('refresh: the rotated-away refresh token is refused (RFC 9700 §4.14.2 invalid_grant)', async () => {
    const { tokens } = needs(signIn, 'the code flow');
    needs(refreshed, 'the refresh');
    return expectOAuthError(() => client.refreshTokenGrant(publicConfig, tokens.refresh_token), 'invalid_grant');
  });

  await check('refresh: after that reuse the whole grant is revoked, the newest refresh token too ' +
    '(RFC 9700 §4.14.2)', async () => {
    const next = needs(refreshed, 'the refresh');
    return expectOAuthError(() => client.refreshTokenGrant(publicConfig, next.refresh_token), 'invalid_grant');
  });

  // -- revocation (RFC 7009) seen through introspection, userinfo and the API
  await check('revocation of an access token: introspection says inactive (RFC 7009 §2.1, RFC 7662 §2.2)',
    async () => {
      const { tokens } = needs(signIn, 'the code flow');
      await client.tokenRevocation(publicConfig, tokens.access_token, { token_type_hint: 'access_token' });
      const answer = await client.tokenIntrospection(basicConfig, tokens.access_token);
      expectEqual(answer.active, false, 'active');
      expectEqual(Object.keys(answer).join(','), 'active', 'the members of an inactive answer (RFC 7662 §2.2)');
      return 'revoked, then {"active": false}';
    });

  await check('userinfo refuses the revoked access token (OpenID Connect Core §5.3.3, RFC 6750 §3.1)', async () => {
    const { tokens, claims } = needs(signIn, 'the code flow');
    return expectInvalidToken(() => client.fetchUserInfo(publicConfig, tokens.access_token, claims.sub));
  });

  await check('the protected API refuses the revoked access token (RFC 6750 §3.1)', async () => {
    const { tokens } = needs(signIn, 'the code flow');
    return expectInvalidToken(() => client.fetchProtectedResource(publicConfig, tokens.access_token,
      new URL('/api/hello', issuer), 'GET'));
  });

  await check('revocation of a refresh token: it is inactive and refused (RFC 7009 §2.1)', async () => {
    const { callback, verifier, state, nonce } = await authorize(publicConfig, { scope: 'openid offline_access' });
    const tokens = await client.authorizationCodeGrant(publicConfig, callback,
      { pkceCodeVerifier: verifier, expectedState: state, expectedNonce: nonce });
    expect(tokens.refresh_token, 'no refresh token');
    const live = await client.tokenIntrospection(basicConfig, tokens.refresh_token);
    expectEqual(live.active, true, 'active before the revocation');
    await client.tokenRevocation(publicConfig, tokens.refresh_token, { token_type_hint: 'refresh_token' });
    const answer = await client.tokenIntrospection(basicConfig, tokens.refresh_token);
    expectEqual(answer.active, false, 'active after the revocation');
    return expectOAuthError(() => client.refreshTokenGrant(publicConfig, tokens.refresh_token), 'invalid_grant');
  });
}

// Resolves once the wall clock is past the given epoch second (at most about a second from now).
async function untilEpochSecondAfter(epochSeconds) {
  const target = (Number(epochSeconds) + 1) * 1000;
  const wait = Math.min(Math.max(target - Date.now(), 0), 1500);
  await new Promise((resolve) => setTimeout(resolve, wait));
}

// ---- main ---------------------------------------------------------------------------------------------------

async function main() {
  const cliPath = process.argv[2];
  if (!cliPath) {
    console.error('usage: node sandbox-client.mjs PATH/TO/oauth-debugger-cli');
    return 2;
  }
  const sandbox = new SandboxProcess();
  process.on('exit', () => sandbox.killNow());
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.on(signal, () => {
      console.log(`FAIL  interrupted by ${signal}`);
      process.exit(1); // the 'exit' handler kills the sandbox
    });
  }
  const watchdog = setTimeout(() => {
    console.log(`FAIL  the run did not finish within ${RUN_TIMEOUT_SECONDS} s`);
    if (sandbox.stderr) console.log(`# sandbox stderr:\n${sandbox.stderr}`);
    process.exit(1);
  }, RUN_TIMEOUT_SECONDS * 1000);
  watchdog.unref();

  let ready;
  await check('the sandbox starts and prints its ready line (issuer and demo clients)', async () => {
    ready = await sandbox.start(cliPath, { lifetimeSeconds: RUN_TIMEOUT_SECONDS + 30 });
    expect(/^http:\/\/127\.0\.0\.1:\d+$/.test(ready.issuer ?? ''), `unexpected issuer ${ready.issuer}`);
    return `${ready.issuer}, clients ${(ready.clients ?? []).map((c) => c.client_id).join(', ')}`;
  });
  try {
    if (ready) await runChecks(ready);
  } catch (error) {
    failures += 1; // a check that could not even start (its prerequisite failed)
    console.log(`FAIL  the remaining checks did not run: ${describe(error)}`);
  } finally {
    if (!ready) {
      await sandbox.stop();
    } else {
      await check('the sandbox stops on SIGTERM with exit status 0', async () => {
        const status = await sandbox.stop();
        expect(!status.killed, 'it did not exit within 5 s and was killed');
        expect(status.code === 0, `it ended with exit status ${status.code}, signal ${status.signal}`);
        return 'stopped';
      });
    }
  }
  if (failures > 0) {
    console.log(`# ${failures} check(s) failed`);
    if (sandbox.stderr) console.log(`# sandbox stderr:\n${sandbox.stderr.trimEnd()}`);
    return 1;
  }
  console.log('# all checks passed');
  return 0;
}

process.exitCode = await main();

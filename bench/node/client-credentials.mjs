// The openid-client reference of the CLI benchmark: one client credentials token request (client_secret_basic)
// per process, the access token on stdout, as `oauth-debugger-cli token` and curl do.
//   BENCH_CLIENT_SECRET=... node client-credentials.mjs --token-url URL --client-id ID [--scope S] [--repeat N]
// No discovery: the token endpoint is given, as it is to the CLI and to curl. Exit status 0 on a token, 1 else.
// --repeat N: N requests in a row in this process, then a summary on stderr in the format of
// `oauth-debugger-cli token --repeat N` (bench/run.sh reads both).
import * as client from 'openid-client';

function usage(message) {
  process.stderr.write(`client-credentials.mjs: ${message}\n`
    + 'usage: BENCH_CLIENT_SECRET=... node client-credentials.mjs --token-url URL --client-id ID [--scope S] '
    + '[--repeat N]\n');
  process.exit(2);
}

const options = {};
const args = process.argv.slice(2);
for (let i = 0; i < args.length; i += 2) {
  const name = args[i];
  const value = args[i + 1];
  if (!['--token-url', '--client-id', '--scope', '--issuer', '--repeat'].includes(name)) usage(`unknown option ${name}`);
  if (value === undefined) usage(`${name} needs a value`);
  options[name.slice(2)] = value;
}
if (!options['token-url'] || !options['client-id']) usage('--token-url and --client-id are required');
const repeat = Number(options.repeat ?? 1);
if (!Number.isInteger(repeat) || repeat < 1) usage('--repeat needs a whole number from 1');
const secret = process.env.BENCH_CLIENT_SECRET;
if (!secret) usage('BENCH_CLIENT_SECRET is not set');

const tokenUrl = new URL(options['token-url']);
const config = new client.Configuration(
  { issuer: options.issuer ?? tokenUrl.origin, token_endpoint: tokenUrl.href },
  options['client-id'],
  undefined,
  client.ClientSecretBasic(secret),
);
// The benchmark servers listen on http://127.0.0.1, which openid-client refuses unless told.
if (tokenUrl.protocol === 'http:') client.allowInsecureRequests(config);

const parameters = options.scope ? { scope: options.scope } : {};
const latencies = [];
let tokens;
const started = performance.now();
try {
  for (let i = 0; i < repeat; i++) {
    const before = performance.now();
    tokens = await client.clientCredentialsGrant(config, parameters);
    latencies.push(performance.now() - before);
  }
} catch (error) {
  process.stderr.write(`client-credentials.mjs: ${error.message}\n`);
  process.exit(1);
}
const total = performance.now() - started;
process.stdout.write(`${tokens.access_token}\n`);
if (options.repeat !== undefined) {
  latencies.sort((a, b) => a - b);
  const at = (q) => latencies[Math.max(1, Math.ceil(q * latencies.length)) - 1].toFixed(2);
  process.stderr.write(`repeat: ${latencies.length} of ${repeat} tokens in ${total.toFixed(1)} ms: `
    + `${((latencies.length * 1000) / total).toFixed(1)} tokens/s; latency median ${at(0.5)} ms, p90 ${at(0.9)} ms, `
    + `min ${at(0)} ms, max ${at(1)} ms\n`);
}

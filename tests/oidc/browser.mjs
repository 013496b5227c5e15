#!/usr/bin/env node
// A stand-in for the user's browser in authorization code flow tests against server.mjs.
//
//   node tests/oidc/browser.mjs AUTHORIZATION_URL [--deny] [--forge-state] [--login NAME]
//
// Opens the authorization URL with a cookie jar, follows redirects by hand, signs in on the
// devInteractions login page (any login name, "alice" by default), confirms the consent page, and
// follows the redirects until one leaves the authorization server's origin: that is the client's
// redirect URI (its loopback listener), which gets the final GET with code and state, as a browser
// would deliver it. Exits 0 once the listener has answered (whatever it answered: the client decides
// whether the callback was good).
//
//   --deny         on the consent page, cancel instead of confirming: the server then redirects with
//                  error=access_denied (its abort link, GET /interaction/UID/abort)
//   --forge-state  replace the state of the final redirect before delivering it (a CSRF attempt)
//
// The form parsing reads the action, the method and every <input> of the page's form, so it does
// not depend on the exact markup. Anything unexpected (an error page, a form it does not know, too
// many redirects, a network error) ends with a message on stderr and exit status 1; usage errors
// exit with 2. stdout stays empty, so a CLI that started this as its "browser" keeps a clean stdout.

const MAX_STEPS = 20;
const TIMEOUT_MS = 15000;

function fail(message) {
  process.stderr.write(`browser.mjs: ${message}\n`);
  process.exit(1);
}

function usage(message) {
  process.stderr.write(`browser.mjs: ${message}\n`
    + 'usage: node browser.mjs AUTHORIZATION_URL [--deny] [--forge-state] [--login NAME]\n');
  process.exit(2);
}

function parseArgs(argv) {
  const opts = { url: undefined, deny: false, forgeState: false, login: 'alice' };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (arg === '--deny') opts.deny = true;
    else if (arg === '--forge-state') opts.forgeState = true;
    else if (arg === '--login') {
      i += 1;
      if (i >= argv.length) usage('--login needs a value');
      opts.login = argv[i];
    } else if (arg.startsWith('--')) usage(`unknown option ${arg}`);
    else if (opts.url === undefined) opts.url = arg;
    else usage(`unexpected argument ${arg}`);
  }
  if (opts.url === undefined) usage('missing the authorization URL');
  try {
    opts.url = new URL(opts.url);
  } catch {
    usage(`not a URL: ${opts.url}`);
  }
  return opts;
}

// ---------------------------------------------------------------------------------------------
// Cookies (RFC 6265, as much as one host over http needs): name + path, Max-Age/Expires, path match.

class CookieJar {
  constructor() {
    this.cookies = new Map(); // `${name};${path}` -> { name, value, path, expires }
  }

  store(setCookieHeaders, requestUrl) {
    for (const header of setCookieHeaders) {
      const [pair, ...attributes] = header.split(';');
      const eq = pair.indexOf('=');
      if (eq <= 0) continue;
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      let path = requestUrl.pathname.replace(/\/[^/]*$/, '') || '/';
      let expires = Infinity;
      for (const attribute of attributes) {
        const aeq = attribute.indexOf('=');
        const key = (aeq === -1 ? attribute : attribute.slice(0, aeq)).trim().toLowerCase();
        const val = aeq === -1 ? '' : attribute.slice(aeq + 1).trim();
        if (key === 'path' && val.startsWith('/')) path = val;
        else if (key === 'max-age' && /^-?\d+$/.test(val)) expires = Date.now() + Number(val) * 1000;
        else if (key === 'expires' && expires === Infinity) {
          const when = Date.parse(val);
          if (!Number.isNaN(when)) expires = when;
        }
      }
      const id = `${name};${path}`;
      if (expires <= Date.now()) this.cookies.delete(id);
      else this.cookies.set(id, { name, value, path, expires });
    }
  }

  headerFor(url) {
    const now = Date.now();
    const matching = [...this.cookies.values()]
      .filter((c) => c.expires > now)
      .filter((c) => url.pathname === c.path || url.pathname.startsWith(c.path.endsWith('/') ? c.path : `${c.path}/`))
      .sort((a, b) => b.path.length - a.path.length);
    return matching.map((c) => `${c.name}=${c.value}`).join('; ');
  }
}

// ---------------------------------------------------------------------------------------------
// HTML: just enough to read one form and the links of a page.

function decodeEntities(text) {
  return text.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (match, entity) => {
    const e = entity.toLowerCase();
    if (e === 'amp') return '&';
    if (e === 'lt') return '<';
    if (e === 'gt') return '>';
    if (e === 'quot') return '"';
    if (e === 'apos') return "'";
    const code = e.startsWith('#x') ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
    return Number.isFinite(code) ? String.fromCodePoint(code) : match;
  });
}

function attributesOf(tag) {
  const attributes = {};
  const pattern = /([^\s=<>"'/]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?/g;
  const inner = tag.replace(/^<\s*[a-z]+/i, '').replace(/\/?>$/, '');
  let m;
  while ((m = pattern.exec(inner)) !== null) {
    attributes[m[1].toLowerCase()] = decodeEntities(m[2] ?? m[3] ?? m[4] ?? '');
  }
  return attributes;
}

function formsOf(html) {
  const forms = [];
  const formPattern = /<form\b[^>]*>([\s\S]*?)<\/form\s*>/gi;
  let m;
  while ((m = formPattern.exec(html)) !== null) {
    const open = /^<form\b[^>]*>/i.exec(m[0])[0];
    const inputs = [...m[1].matchAll(/<input\b[^>]*>/gi)].map((i) => attributesOf(i[0]));
    forms.push({ ...attributesOf(open), inputs });
  }
  return forms;
}

function linksOf(html) {
  return [...html.matchAll(/<a\b[^>]*>([\s\S]*?)<\/a\s*>/gi)].map((m) => ({
    ...attributesOf(/^<a\b[^>]*>/i.exec(m[0])[0]),
    text: decodeEntities(m[1].replace(/<[^>]*>/g, '')).trim(),
  }));
}

// The fields a browser would submit: hidden and preset values as they are, the login name in the
// text field, some password in the password field.
function fieldsFor(form, login) {
  const fields = new URLSearchParams();
  for (const input of form.inputs) {
    if (!input.name) continue;
    const type = (input.type || 'text').toLowerCase();
    if (['submit', 'button', 'image', 'reset', 'file'].includes(type)) continue;
    if ((type === 'checkbox' || type === 'radio') && !('checked' in input)) continue;
    let { value } = input;
    if (value === undefined || value === '') {
      if (type === 'password') value = 'any-password';
      else if (type === 'text' || type === 'email') value = login;
      else value = '';
    }
    fields.append(input.name, value);
  }
  return fields;
}

// ---------------------------------------------------------------------------------------------

const opts = parseArgs(process.argv.slice(2));
const serverOrigin = opts.url.origin;
const jar = new CookieJar();

async function request(url, init = {}) {
  const headers = { 'user-agent': 'oauth-debugger-test-browser', ...(init.headers || {}) };
  const cookie = jar.headerFor(url);
  if (cookie) headers.cookie = cookie;
  let response;
  try {
    response = await fetch(url, {
      ...init, headers, redirect: 'manual', signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (err) {
    fail(`${init.method || 'GET'} ${url.href} failed: ${err.cause?.message || err.message}`);
  }
  jar.store(response.headers.getSetCookie(), url);
  return response;
}

function describePage(html) {
  const text = html.replace(/<style[\s\S]*?<\/style>/gi, '').replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim();
  return text.length > 400 ? `${text.slice(0, 400)}...` : text;
}

// The client's redirect URI got the authorization response: deliver it like a browser.
async function deliver(url) {
  if (opts.forgeState) {
    url.searchParams.set('state', 'forged-by-browser-mjs');
    process.stderr.write('browser.mjs: state replaced with a forged one\n');
  }
  const response = await request(url);
  await response.arrayBuffer().catch(() => undefined);
  process.stderr.write(`browser.mjs: delivered the redirect to ${url.origin}${url.pathname}, `
    + `which answered HTTP ${response.status}\n`);
  process.exit(0);
}

// An interaction page: the login form, or the consent form (or its abort link with --deny).
async function interact(pageUrl, html) {
  const forms = formsOf(html).filter((f) => (f.method || 'get').toLowerCase() === 'post');
  if (forms.length !== 1) {
    fail(`expected one form on ${pageUrl.href}, found ${forms.length}: ${describePage(html)}`);
  }
  const [form] = forms;
  const prompt = form.inputs.find((i) => i.name === 'prompt')?.value;
  const isLogin = form.inputs.some((i) => (i.type || '').toLowerCase() === 'password');
  if (opts.deny && !isLogin) {
    const abort = linksOf(html).find((l) => /\/abort$/.test(new URL(l.href || '', pageUrl).pathname)
      || /cancel|abort|deny/i.test(l.text));
    if (!abort) fail(`--deny: no abort link on the consent page ${pageUrl.href}`);
    process.stderr.write('browser.mjs: denying consent\n');
    return { url: new URL(abort.href, pageUrl), init: {} };
  }
  process.stderr.write(`browser.mjs: ${isLogin ? `signing in as ${opts.login}` : 'confirming consent'}`
    + `${prompt ? ` (prompt ${prompt})` : ''}\n`);
  return {
    url: new URL(form.action || pageUrl.href, pageUrl),
    init: {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: fieldsFor(form, opts.login).toString(),
    },
  };
}

let next = { url: opts.url, init: {} };
for (let step = 0; step < MAX_STEPS; step += 1) {
  if (next.url.origin !== serverOrigin) {
    await deliver(next.url);
  }
  const response = await request(next.url, next.init);
  if (response.status >= 300 && response.status < 400) {
    await response.arrayBuffer().catch(() => undefined);
    const location = response.headers.get('location');
    if (!location) fail(`HTTP ${response.status} without a Location from ${next.url.href}`);
    next = { url: new URL(location, next.url), init: {} };
    continue;
  }
  const body = await response.text();
  const type = response.headers.get('content-type') || '';
  if (response.status !== 200 || !type.includes('html')) {
    fail(`unexpected HTTP ${response.status} (${type || 'no content type'}) from ${next.url.href}: `
      + `${describePage(body)}`);
  }
  next = await interact(next.url, body);
}
fail(`no redirect to the client after ${MAX_STEPS} requests`);

// Records the requests openid-client sends (through its customFetch hook), so that a check can prove which
// client authentication actually went over the wire instead of trusting the configuration.

export class WireRecorder {
  #requests = [];

  // The function to install as config[client.customFetch].
  get fetch() {
    return (url, options = {}) => {
      const body = options.body === undefined || options.body === null ? '' : String(options.body);
      this.#requests.push({
        method: options.method ?? 'GET',
        url: String(url),
        headers: new Headers(options.headers),
        form: new URLSearchParams(body),
      });
      return fetch(url, options);
    };
  }

  // The most recent request to the given endpoint URL.
  last(endpoint) {
    const wanted = String(endpoint);
    for (let i = this.#requests.length - 1; i >= 0; i--) {
      const request = this.#requests[i];
      if (request.url.split('?')[0] === wanted) return request;
    }
    throw new Error(`no request to ${wanted} was recorded`);
  }
}

// client_id and client_secret out of an "Authorization: Basic" header, form-decoded as RFC 6749 §2.3.1 says.
export function basicCredentials(request) {
  const authorization = request.headers.get('authorization') ?? '';
  const match = /^Basic\s+(\S+)$/i.exec(authorization);
  if (!match) return null;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return null;
  const formDecode = (text) => decodeURIComponent(text.replace(/\+/g, ' '));
  return { clientId: formDecode(decoded.slice(0, colon)), clientSecret: formDecode(decoded.slice(colon + 1)) };
}

/** The public Claude API, the SDK's default base URL: the knowledge base's advice names it. */
export const DEFAULT_BASE_URL = 'https://api.anthropic.com';

// The knowledge base's advice names the public API; with ANTHROPIC_BASE_URL set, what to check is the configured one,
// as given. A URL with a path after it (`https://api.anthropic.com/v1/models`) becomes the base URL, scheme and path
// kept, with that path (the SDK appends `/v1/…` to the base URL's own path); a bare URL, advice about "the host",
// becomes its scheme and host; a bare host name its host.
const PUBLIC_API = /(https:\/\/)?api\.anthropic\.com(?=(\/)?)/g;

/**
 * A fix's text aimed at the API actually configured (a gateway, a proxy): `curl https://api.anthropic.com/v1/models`
 * becomes `curl http://127.0.0.1:47111/proxy/v1/models`. Unchanged for the default base URL or none. Used by every
 * surface that shows a fix (the CLI, the Slack report, the App Home), so they name the same URL.
 */
export function retargetFix(fix: string, baseURL: string | undefined): string {
  if (baseURL === undefined || baseURL === DEFAULT_BASE_URL) return fix;
  let url: URL;
  try {
    url = new URL(baseURL);
  } catch {
    return fix; // config/ validates ANTHROPIC_BASE_URL; a test's odd value leaves the advice as written
  }
  return fix.replace(PUBLIC_API, (_match, scheme: string | undefined, slash: string | undefined) => {
    if (!scheme) return url.host;
    return slash ? baseURL.replace(/\/+$/, '') : url.origin;
  });
}

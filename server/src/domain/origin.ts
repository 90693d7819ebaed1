/** Which page origins may open a widget connection for a site. Pure. */

/**
 * A visitor connection needs an Origin that the site allows. The server's own origin
 * (pages it serves itself, such as the demo) is always allowed.
 */
export function originAllowed(origin: string | undefined, serverHost: string | undefined, allowed: readonly string[]): boolean {
  if (!origin) return false;
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  if (serverHost && url.host === serverHost) return true;
  return allowed.some((a) => a === '*' || a.replace(/\/$/, '') === url.origin);
}

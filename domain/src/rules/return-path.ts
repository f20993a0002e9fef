const BASE = 'http://app.invalid';

/**
 * Where to go after signing in, from the `next` a sign-in link carries: only a path of this app
 * (never another site, `//host`, `/\host` or a scheme), never back to the sign-in page or the API;
 * anything else goes to the home page.
 */
export function returnPathOf(next: string | null | undefined): string {
  if (!next?.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/';
  // Control characters and backslashes are how a path is made to read as a host by some browser.
  if (next.includes('\\') || [...next].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f))
    return '/';
  let url: URL;
  try {
    url = new URL(next, BASE);
  } catch {
    return '/';
  }
  if (url.origin !== BASE) return '/';
  if (url.pathname === '/login' || url.pathname.startsWith('/login/') || url.pathname.startsWith('/api/'))
    return '/';
  return `${url.pathname}${url.search}${url.hash}`;
}

/** The sign-in page's address that returns to this path afterwards (none for the home page). */
export function loginPathFor(path: string): string {
  const back = returnPathOf(path);
  return back === '/' ? '/login' : `/login?next=${encodeURIComponent(back)}`;
}

/**
 * The municipality's slug from a resident URL: `/r/{tenant}/…`. `null` when the path
 * names none (or names the assets folder, which no municipality can be called).
 */
export function tenantFromPath(pathname: string): string | null {
  const match = /^\/r\/([^/]+)/.exec(pathname);
  const slug = match?.[1] ? decodeURIComponent(match[1]).toLowerCase() : null;
  if (!slug || slug === 'assets' || !/^[a-z0-9][a-z0-9-]{0,62}$/.test(slug)) return null;
  return slug;
}

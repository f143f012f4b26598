import { readUrl } from './config.schema';

/**
 * A service endpoint: its full URL variable, else its `*_BASE_URL` (newer deployments) + the
 * service's fixed path; the base is read only when the full URL is not set.
 */
export function serviceUrl(
  env: Record<string, string | undefined>,
  urlName: string,
  baseName: string,
  path: string,
): string | undefined {
  const url = readUrl(env, urlName, ['http:', 'https:']);
  if (url !== undefined) return url;
  const base = readUrl(env, baseName, ['http:', 'https:']);
  return base ? `${base.replace(/\/+$/, '')}${path}` : undefined;
}

import { readInt, readOptional, readUrl } from './config.schema';

/** The app management platform that apps are looked up on when not known locally. */
export interface AppRegistrySettings {
  appListUrl?: string;
  appDetailsUrl?: string;
  key?: string;
  secret?: string;
  timeoutMs: number;
}

export function readAppRegistrySettings(
  env: Record<string, string | undefined>,
): AppRegistrySettings {
  return {
    appListUrl: readUrl(env, 'APP_MANAGE_PLAT_APP_LIST', ['http:', 'https:']),
    appDetailsUrl: readUrl(env, 'APP_MANAGE_PLAT_APP_DETAILS', ['http:', 'https:']),
    key: readOptional(env, 'APP_MANAGE_PLAT_KEY'),
    secret: readOptional(env, 'APP_MANAGE_PLAT_SECRET'),
    timeoutMs: readInt(env, 'APP_MANAGE_PLAT_TIMEOUT_MS', 10000, 1),
  };
}

import { readEnum, readInt, readOptional, readString, readUrl } from './config.schema';

const DEFAULT_FILE_TYPES =
  'pdf,png,jpg,jpeg,bmp,doc,docx,ppt,pptx,xls,xlsx,csv,txt,wav,mp3,flac,m4a,aac,ogg,wma,midi';

/** Uploaded files: what is accepted and where it is stored (local directory or S3). */
export interface FileSettings {
  supportedTypes: string[];
  sizeLimit: number;
  storage: 'local' | 's3';
  localDir: string;
  publicBaseUrl?: string;
  s3: {
    endpoint?: string;
    accessKey?: string;
    secretKey?: string;
    bucket: string;
    downloadHost?: string;
    region: string;
  };
}

export function readFileSettings(env: Record<string, string | undefined>): FileSettings {
  return {
    supportedTypes: readString(env, 'SUPPORT_FILE_TYPE', DEFAULT_FILE_TYPES)
      .split(',')
      .map((t) => t.trim().toLowerCase())
      .filter(Boolean),
    sizeLimit: readInt(env, 'FILE_SIZE_LIMIT', 52428800, 1),
    storage: readEnum(env, 'OSS_TYPE', ['local', 's3'] as const, 'local'),
    localDir: readString(env, 'FILE_STORAGE_DIR', './data/files'),
    publicBaseUrl: readUrl(env, 'PUBLIC_BASE_URL', ['http:', 'https:']),
    s3: {
      endpoint: readUrl(env, 'OSS_ENDPOINT', ['http:', 'https:']),
      accessKey: readOptional(env, 'OSS_ACCESS_KEY_ID'),
      secretKey: readOptional(env, 'OSS_ACCESS_KEY_SECRET'),
      bucket: readString(env, 'OSS_BUCKET_NAME', 'workflow'),
      downloadHost: readUrl(env, 'OSS_DOWNLOAD_HOST', ['http:', 'https:']),
      region: readString(env, 'OSS_REGION', 'us-east-1'),
    },
  };
}

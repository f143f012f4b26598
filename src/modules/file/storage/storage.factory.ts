import { AppConfig } from '../../../core/config/app-config';
import { ConfigError } from '../../../core/config/config.schema';
import { LocalDiskStorage } from './local-disk.storage';
import { ObjectStorage } from './object-storage';
import { S3Storage } from './s3.storage';

/** The adapter chosen by `OSS_TYPE`; S3 needs `OSS_ENDPOINT` and both keys or none (named). */
export function createObjectStorage(config: AppConfig): ObjectStorage {
  const files = config.files;
  if (files.storage === 'local') return new LocalDiskStorage(files.localDir, files.publicBaseUrl);
  if (!files.s3.endpoint) throw new ConfigError('OSS_ENDPOINT', 'is required when OSS_TYPE=s3');
  // one key without the other would only fail at the first upload, as a signature error
  if (files.s3.accessKey && !files.s3.secretKey) {
    throw new ConfigError('OSS_ACCESS_KEY_SECRET', 'is required when OSS_ACCESS_KEY_ID is set');
  }
  if (files.s3.secretKey && !files.s3.accessKey) {
    throw new ConfigError('OSS_ACCESS_KEY_ID', 'is required when OSS_ACCESS_KEY_SECRET is set');
  }
  return new S3Storage({
    endpoint: files.s3.endpoint,
    accessKey: files.s3.accessKey,
    secretKey: files.s3.secretKey,
    bucket: files.s3.bucket,
    region: files.s3.region,
    downloadHost: files.s3.downloadHost,
  });
}

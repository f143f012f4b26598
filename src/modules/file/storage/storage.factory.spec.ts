import { loadConfig } from '../../../core/config/app-config';
import { LocalDiskStorage } from './local-disk.storage';
import { S3Storage } from './s3.storage';
import { createObjectStorage } from './storage.factory';

describe('createObjectStorage', () => {
  it('uses local disk by default', () => {
    expect(createObjectStorage(loadConfig({}))).toBeInstanceOf(LocalDiskStorage);
  });

  it('uses MinIO/S3 for OSS_TYPE=s3, URLs as <OSS_DOWNLOAD_HOST>/<bucket>/<key>', () => {
    const storage = createObjectStorage(
      loadConfig({
        OSS_TYPE: 's3',
        OSS_ENDPOINT: 'http://minio:9000',
        OSS_BUCKET_NAME: 'workflow',
        OSS_DOWNLOAD_HOST: 'https://cdn.example.com/',
      }),
    );
    expect(storage).toBeInstanceOf(S3Storage);
    expect(storage.urlOf('k.pdf', 'http://ignored')).toBe('https://cdn.example.com/workflow/k.pdf');
  });

  it('falls back to the endpoint when no download host is set', () => {
    const storage = createObjectStorage(
      loadConfig({ OSS_TYPE: 's3', OSS_ENDPOINT: 'http://minio:9000' }),
    );
    expect(storage.urlOf('k.pdf', 'http://ignored')).toBe('http://minio:9000/workflow/k.pdf');
  });

  it('names OSS_ENDPOINT when S3 is chosen without it', () => {
    expect(() => createObjectStorage(loadConfig({ OSS_TYPE: 's3' }))).toThrow(
      'Invalid configuration: OSS_ENDPOINT is required when OSS_TYPE=s3',
    );
  });

  it('names the missing half of an S3 key pair', () => {
    const s3 = { OSS_TYPE: 's3', OSS_ENDPOINT: 'http://minio:9000' };
    expect(() => createObjectStorage(loadConfig({ ...s3, OSS_ACCESS_KEY_ID: 'id' }))).toThrow(
      'Invalid configuration: OSS_ACCESS_KEY_SECRET is required when OSS_ACCESS_KEY_ID is set',
    );
    expect(() => createObjectStorage(loadConfig({ ...s3, OSS_ACCESS_KEY_SECRET: 's' }))).toThrow(
      'Invalid configuration: OSS_ACCESS_KEY_ID is required when OSS_ACCESS_KEY_SECRET is set',
    );
  });

  it('builds local URLs from PUBLIC_BASE_URL, else from the request origin', () => {
    const plain = createObjectStorage(loadConfig({}));
    expect(plain.urlOf('k.pdf', 'http://10.0.0.5:7880')).toBe(
      'http://10.0.0.5:7880/workflow/v1/files/k.pdf',
    );
    const based = createObjectStorage(loadConfig({ PUBLIC_BASE_URL: 'https://x.example/base/' }));
    expect(based.urlOf('k.pdf', 'http://10.0.0.5:7880')).toBe(
      'https://x.example/base/workflow/v1/files/k.pdf',
    );
  });
});

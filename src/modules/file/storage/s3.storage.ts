import { Logger } from '@nestjs/common';
import { Client } from 'minio';
import { createReadStream } from 'node:fs';
import * as http from 'node:http';
import * as https from 'node:https';
import { MemoisedPreparation } from './memoised-preparation';
import { ObjectStorage, ObjectToStore, trimTrailingSlashes } from './object-storage';
import { publicReadPolicy } from './public-read-policy';

export interface S3StorageSettings {
  endpoint: string;
  accessKey?: string;
  secretKey?: string;
  bucket: string;
  region: string;
  /** public origin objects are downloaded from; defaults to the endpoint */
  downloadHost?: string;
  /** a request to the store with no traffic for this long fails (default 30 s) */
  idleTimeoutMs?: number;
}

/**
 * MinIO / S3 through the `minio` client, path-style. URLs have the reference's form
 * `<OSS_DOWNLOAD_HOST>/<OSS_BUCKET_NAME>/<key>` (docs/api.md#uploads), so the bucket must be
 * publicly readable: a bucket this service creates gets a public-read policy.
 */
export class S3Storage extends ObjectStorage {
  readonly kind = 's3' as const;
  private readonly logger = new Logger('S3Storage');
  private readonly client: Client;
  private readonly preparation: MemoisedPreparation;

  constructor(private readonly settings: S3StorageSettings) {
    super();
    const url = new URL(settings.endpoint);
    const useSSL = url.protocol === 'https:';
    this.client = new Client({
      endPoint: url.hostname,
      port: url.port ? Number(url.port) : useSSL ? 443 : 80,
      useSSL,
      accessKey: settings.accessKey,
      secretKey: settings.secretKey,
      region: settings.region,
      pathStyle: true,
      transport: idleTimeoutTransport(useSSL ? https : http, settings.idleTimeoutMs ?? 30_000),
    });
    this.preparation = new MemoisedPreparation(() => this.ensureBucket());
  }

  prepare(): Promise<void> {
    return this.preparation.run();
  }

  async put(object: ObjectToStore): Promise<void> {
    // a known size makes the client send one signed PUT (no multipart below its part size)
    await this.client.putObject(
      this.settings.bucket,
      object.key,
      createReadStream(object.filePath),
      object.size,
      {
        'Content-Type': object.contentType,
        'original-name': encodeURIComponent(object.originalName),
      },
    );
  }

  async remove(key: string): Promise<void> {
    await this.client.removeObject(this.settings.bucket, key);
  }

  urlOf(key: string): string {
    const host = trimTrailingSlashes(this.settings.downloadHost ?? this.settings.endpoint);
    return `${host}/${this.settings.bucket}/${key}`;
  }

  async check(): Promise<void> {
    if (!(await this.client.bucketExists(this.settings.bucket))) {
      throw new Error(`bucket ${this.settings.bucket} does not exist`);
    }
  }

  private async ensureBucket(): Promise<void> {
    const { bucket, region } = this.settings;
    if (await this.client.bucketExists(bucket)) return;
    await this.client.makeBucket(bucket, region);
    this.logger.log(`created bucket ${bucket}`);
    try {
      await this.client.setBucketPolicy(bucket, JSON.stringify(publicReadPolicy(bucket)));
    } catch (error) {
      // some S3-protocol stores have no bucket policies; the operator must then make the
      // bucket readable another way, or the returned URLs will answer 403
      this.logger.warn(`could not make bucket ${bucket} public-read: ${String(error)}`);
    }
  }
}

/**
 * The client sets no timeout of its own: a store that accepts connections and then goes
 * silent would hang uploads forever. An idle timeout fails such requests (23604) without
 * limiting slow but moving transfers.
 */
function idleTimeoutTransport(base: typeof http | typeof https, idleMs: number) {
  const request = (...args: Parameters<typeof http.request>): http.ClientRequest => {
    const req = (base.request as (...a: Parameters<typeof http.request>) => http.ClientRequest)(
      ...args,
    );
    req.setTimeout(idleMs, () => req.destroy(new Error(`object store silent for ${idleMs} ms`)));
    return req;
  };
  return { request: request as typeof http.request };
}

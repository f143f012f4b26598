import { Injectable } from '@nestjs/common';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { AppConfig } from '../../../core/config/app-config';
import { AppException } from '../../../core/errors/app.exception';
import { ErrorCode } from '../../../core/errors/error-code';
import { hmacGetHeaders } from './hmac-headers';

/** One entry of the app-list answer: `source` is the platform's source id. */
export interface RemoteAppListEntry {
  source?: unknown;
}

/** One entry of the app-details answer. */
export interface RemoteAppDetails {
  name?: unknown;
  desc?: unknown;
  auth_list?: { api_key?: unknown; api_secret?: unknown }[];
}

const MAX_ANSWER_BYTES = 1024 * 1024;

/**
 * Client of the app management platform (docs/api.md#app-resolution): the app list and the app details,
 * each `GET <url>?app_ids=<alias>` signed per docs/api.md#outbound-signing when a key and secret are configured. Any
 * transport failure, non-200 status, non-JSON body or `code != 0` is a 20001 with the reason.
 */
@Injectable()
export class ManagementPlatformClient {
  constructor(private readonly config: AppConfig) {}

  async appList(aliasId: string): Promise<RemoteAppListEntry[]> {
    const url = this.config.appManagePlatform.appListUrl;
    if (!url) throw remoteFailure('APP_MANAGE_PLAT_APP_LIST not configured');
    return this.getData(url, aliasId, 'app list') as Promise<RemoteAppListEntry[]>;
  }

  async appDetails(aliasId: string): Promise<RemoteAppDetails[]> {
    const url = this.config.appManagePlatform.appDetailsUrl;
    if (!url) throw remoteFailure('APP_MANAGE_PLAT_APP_DETAILS not configured');
    return this.getData(url, aliasId, 'app details') as Promise<RemoteAppDetails[]>;
  }

  private async getData(base: string, aliasId: string, what: string): Promise<unknown[]> {
    const url = new URL(base);
    url.searchParams.set('app_ids', aliasId);
    const { status, text } = await this.get(url, what);
    if (status !== 200) throw remoteFailure(`${what} request failed: HTTP ${status}`);
    let body: { code?: unknown; message?: unknown; data?: unknown };
    try {
      body = JSON.parse(text) as typeof body;
    } catch {
      throw remoteFailure(`${what} answer is not JSON`);
    }
    if (body === null || typeof body !== 'object' || body.code !== 0) {
      const code = body && typeof body === 'object' ? String(body.code) : 'missing';
      throw remoteFailure(`${what} answered code ${code}`);
    }
    return Array.isArray(body.data) ? body.data : [];
  }

  private get(url: URL, what: string): Promise<{ status: number; text: string }> {
    const { key, secret, timeoutMs } = this.config.appManagePlatform;
    const headers = key && secret ? hmacGetHeaders(url, key, secret) : {};
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    return new Promise((resolve, reject) => {
      const req = send(url, { method: 'GET', headers, timeout: timeoutMs }, (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > MAX_ANSWER_BYTES) {
            req.destroy(new Error('answer too large'));
            return;
          }
          chunks.push(chunk);
        });
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }),
        );
        res.on('error', (err) => reject(remoteFailure(`${what} request failed: ${err.message}`)));
      });
      req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
      req.on('error', (err) => reject(remoteFailure(`${what} request failed: ${err.message}`)));
      req.end();
    });
  }
}

function remoteFailure(detail: string): AppException {
  return new AppException(ErrorCode.APP_GET_WITH_REMOTE_FAILED_ERROR, detail);
}

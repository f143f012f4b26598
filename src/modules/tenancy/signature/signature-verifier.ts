import { Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { timingSafeEqual } from 'node:crypto';
import { AppConfig } from '../../../core/config/app-config';
import { AppException } from '../../../core/errors/app.exception';
import { ErrorCode } from '../../../core/errors/error-code';
import { rawBodyOf } from '../../../core/http/json-body.middleware';
import { AppRepository } from '../../../database/repositories/app.repository';
import { bodyDigest, requestSignature, SIGNED_HEADERS } from '../../app/remote/hmac-headers';
import { parseSignatureAuthorization } from './authorization-header';

const failure = (detail: string) => new AppException(ErrorCode.APP_SIGNATURE_ERROR, detail);

/**
 * AUTH_MODE=signature: checks a request signed with an app's `api_key`/`api_secret` in the
 * scheme this service uses towards the management platform (HMAC-SHA256 over host, date,
 * request line and body digest) and answers which app signed it.
 */
@Injectable()
export class SignatureVerifier {
  constructor(
    private readonly config: AppConfig,
    private readonly apps: AppRepository,
  ) {}

  /** The alias id of the signing app; 20011 with the reason otherwise. */
  async verify(req: Request, now: number = Date.now()): Promise<string> {
    const auth = parseSignatureAuthorization(headerOf(req, 'authorization'));
    if (!auth) throw failure('missing or malformed Authorization header');
    if (auth.algorithm !== 'hmac-sha256' || auth.headers !== SIGNED_HEADERS) {
      throw failure(`algorithm must be "hmac-sha256" and headers "${SIGNED_HEADERS}"`);
    }
    const host = headerOf(req, 'host');
    const date = headerOf(req, 'date');
    const digest = headerOf(req, 'digest');
    if (!host || !date || !digest) throw failure('Host, Date and Digest headers are required');
    // the skew window bounds how long a captured request can be replayed
    const sentAt = Date.parse(date);
    if (Number.isNaN(sentAt) || Math.abs(now - sentAt) > this.config.auth.signatureSkewSec * 1000) {
      throw failure('Date is malformed or outside the allowed clock skew');
    }
    // multipart uploads are streamed to storage, after this check: their digest is signed only
    if (!isMultipart(req) && digest !== bodyDigest(rawBodyOf(req) ?? '')) {
      throw failure('Digest does not match the body');
    }
    const parts = { host, date, method: req.method, path: pathOf(req), digest };
    const signers = new Set(
      (await this.apps.findByApiKey(auth.apiKey))
        .filter(
          (app) =>
            app.apiSecret && sameText(requestSignature(parts, app.apiSecret), auth.signature),
        )
        .map((app) => app.aliasId),
    );
    // one message for unknown keys and wrong signatures: nothing to learn about which keys exist
    if (signers.size === 0) throw failure('unknown api_key or wrong signature');
    if (signers.size > 1) throw failure('api_key and secret are shared by several apps');
    return [...signers][0];
  }
}

function headerOf(req: Request, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function pathOf(req: Request): string {
  const url = req.originalUrl || req.url;
  const query = url.indexOf('?');
  return query === -1 ? url : url.slice(0, query);
}

function isMultipart(req: Request): boolean {
  return (headerOf(req, 'content-type') ?? '').toLowerCase().startsWith('multipart/');
}

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

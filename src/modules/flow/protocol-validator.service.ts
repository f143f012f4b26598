import { Injectable } from '@nestjs/common';
import { AppException } from '../../core/errors/app.exception';
import { ErrorCodeEntry } from '../../core/errors/error-code';
import { buildWorkflow } from '../../engine';

/**
 * Validates a protocol the way the protocol routes do (docs/api.md#flow-storage): by building a workflow
 * from the protocol's inner `data` ({nodes, edges}) with the engine. Build failures are
 * AppExceptions (20100 with the raw text, 22100, 22101, 22300) and reach the client as they
 * are. A protocol whose `data` is not an object is an uncoded failure in the reference, answered
 * with the route's fallback code (20102 add, 20104 update, 20101 "Protocol build failed" build).
 */
@Injectable()
export class ProtocolValidator {
  /** `protocol` is the stored `data` column: `{id?, name, description, version?, data}`. */
  validate(protocol: unknown, routeFallback: ErrorCodeEntry): void {
    const dsl = isObject(protocol) ? protocol.data : undefined;
    if (!isObject(dsl)) throw new AppException(routeFallback);
    buildWorkflow(dsl);
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

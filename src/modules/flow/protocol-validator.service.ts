import { Injectable } from '@nestjs/common';
import { buildWorkflow } from '../../engine';

/** A protocol without an inner DSL object (an uncoded failure in the reference). */
export class ProtocolShapeError extends Error {
  constructor(what: string) {
    super(`invalid workflow protocol: ${what}`);
    this.name = 'ProtocolShapeError';
  }
}

/**
 * Validates a protocol the way the layout routes do (spec/api.md §4.9): by building a workflow
 * from the protocol's inner `data` ({nodes, edges}) with the engine. Build failures are
 * AppExceptions (20100 with the raw text, 22100, 22101, 22300) and reach the client as they
 * are; a protocol whose `data` is not an object is a plain error, answered with the route's
 * fallback code (20102 add, 20104 update, "Protocol build failed" build).
 */
@Injectable()
export class ProtocolValidator {
  /** `protocol` is the stored `data` column: `{id?, name, description, version?, data}`. */
  validate(protocol: unknown): void {
    const dsl = isObject(protocol) ? protocol.data : undefined;
    if (!isObject(dsl)) throw new ProtocolShapeError('data.data must be an object');
    buildWorkflow(dsl);
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

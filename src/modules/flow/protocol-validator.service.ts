import { Injectable } from '@nestjs/common';

/** A protocol that is not even shaped like a DSL (an uncoded build error in the reference). */
export class ProtocolShapeError extends Error {
  constructor(what: string) {
    super(`invalid workflow protocol: ${what}`);
    this.name = 'ProtocolShapeError';
  }
}

/**
 * Validates a protocol the way the layout routes do (spec/api.md §4.9): by building a workflow
 * from the protocol's inner `data` ({nodes, edges}). Coded build failures are AppExceptions and
 * reach the client as they are; shape failures are plain errors, answered with the route's
 * fallback code (20102 add, 20104 update, "Protocol build failed" build).
 */
@Injectable()
export class ProtocolValidator {
  /** `protocol` is the stored `data` column: `{id?, name, description, version?, data}`. */
  validate(protocol: unknown): void {
    const dsl = isObject(protocol) ? protocol.data : undefined;
    if (!isObject(dsl)) throw new ProtocolShapeError('data.data must be an object');
    if (!Array.isArray(dsl.nodes)) throw new ProtocolShapeError('data.data.nodes must be a list');
    if (!Array.isArray(dsl.edges)) throw new ProtocolShapeError('data.data.edges must be a list');
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

import type { NodeDefinition } from '../../dsl/dsl.types';
import { genericBuildError } from '../../dsl/build-errors';
import { isPlainObject } from '../../values/values';
import { optionalString, requiredString } from '../param-readers';

/** Compiled `nodeParam` of an RPA node (docs/nodes.md#rpa). */
export interface RpaParams {
  readonly projectId: string;
  /** `header.apiKey`, sent as `Authorization` */
  readonly apiKey: string;
  /** the RPA platform (console `source`); not sent */
  readonly source: string;
  readonly execPosition: string;
}

export function compileRpaParams(def: NodeDefinition): RpaParams {
  const p = def.nodeParam;
  const projectId = requiredString(p, def.id, 'projectId');
  if (!projectId) throw genericBuildError(`Node ${def.id} nodeParam.projectId: must not be empty`);
  if (p.header !== undefined && p.header !== null && !isPlainObject(p.header)) {
    throw genericBuildError(`Node ${def.id} nodeParam.header: must be an object`);
  }
  if (p.rpaParams !== undefined && p.rpaParams !== null && !isPlainObject(p.rpaParams)) {
    throw genericBuildError(`Node ${def.id} nodeParam.rpaParams: must be an object`);
  }
  const header = isPlainObject(p.header) ? p.header : {};
  const rpaParams = isPlainObject(p.rpaParams) ? p.rpaParams : {};
  return Object.freeze({
    projectId,
    apiKey: optionalString(header, def.id, 'apiKey'),
    source: optionalString(p, def.id, 'source'),
    execPosition: optionalString(rpaParams, def.id, 'execPosition', 'EXECUTOR') || 'EXECUTOR',
  });
}

import type { NodeDefinition } from '../../dsl/dsl.types';
import { genericBuildError } from '../../dsl/build-errors';
import { optionalString, requiredString } from '../param-readers';

/** Compiled `nodeParam` of a plugin node (docs/nodes.md#plugin). */
export interface PluginParams {
  readonly pluginId: string;
  readonly operationId: string;
  readonly appId: string;
  readonly version: string;
  readonly businessInput: readonly string[];
}

function nonEmpty(p: Readonly<Record<string, unknown>>, id: string, key: string): string {
  const value = requiredString(p, id, key);
  if (!value) throw genericBuildError(`Node ${id} nodeParam.${key}: must not be empty`);
  return value;
}

export function compilePluginParams(def: NodeDefinition): PluginParams {
  const p = def.nodeParam;
  const business = p.businessInput ?? [];
  if (!Array.isArray(business) || !business.every((k) => typeof k === 'string')) {
    throw genericBuildError(`Node ${def.id} nodeParam.businessInput: must be a list of strings`);
  }
  return Object.freeze({
    pluginId: nonEmpty(p, def.id, 'pluginId'),
    operationId: nonEmpty(p, def.id, 'operationId'),
    appId: nonEmpty(p, def.id, 'appId'),
    version: optionalString(p, def.id, 'version', 'V1.0'),
    businessInput: Object.freeze([...(business as string[])]),
  });
}

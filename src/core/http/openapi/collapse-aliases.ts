import type { OpenAPIObject, OperationObject, PathItemObject } from '@nestjs/swagger';

type Method = 'get' | 'put' | 'post' | 'delete' | 'options' | 'head' | 'patch' | 'trace';
const METHODS: Method[] = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

// Nest names the operations of a handler registered under several paths `<id>[0]`, `<id>[1]`, …
// in the order the paths are declared; the first path is the canonical one.
const ALIAS_ID = /^(.+)\[(\d+)\]$/;

interface Registration {
  path: string;
  method: Method;
  index: number;
}

/**
 * Keeps one operation per handler: the path aliases stay served but leave the document, and the
 * canonical operation's description lists them once (docs/api.md#routes).
 */
export function collapseAliases(document: OpenAPIObject): void {
  const groups = new Map<string, Registration[]>();
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of METHODS) {
      const match = ALIAS_ID.exec(item[method]?.operationId ?? '');
      if (!match) continue;
      const list = groups.get(match[1]) ?? [];
      list.push({ path, method, index: Number(match[2]) });
      groups.set(match[1], list);
    }
  }
  for (const [operationId, registrations] of groups) {
    registrations.sort((a, b) => a.index - b.index);
    const [canonical, ...aliases] = registrations;
    const operation = document.paths[canonical.path][canonical.method] as OperationObject;
    operation.operationId = operationId;
    const listed = aliases.map((a) => `\`${a.method.toUpperCase()} ${a.path}\``).join(', ');
    operation.description = [operation.description, `Also served at ${listed}.`]
      .filter(Boolean)
      .join('\n\n');
    for (const alias of aliases) removeOperation(document, alias);
  }
}

function removeOperation(document: OpenAPIObject, { path, method }: Registration): void {
  const item: PathItemObject = document.paths[path];
  delete item[method];
  if (!METHODS.some((m) => item[m] !== undefined)) delete document.paths[path];
}

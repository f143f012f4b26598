// Run-phase check of file-typed start inputs (docs/api.md#file-inputs), before the engine runs.
// Plain TypeScript: the chat / debug services call it with the start node of the flow.

import { AppException } from '../../../core/errors/app.exception';
import { ErrorCode } from '../../../core/errors/error-code';
import { DEFAULT_FILE_KINDS } from './file-kinds';
import { probeContentLength } from './link-probe';

export interface FileInputOptions {
  /** FILE_SIZE_LIMIT in bytes */
  sizeLimit: number;
  /** `allowedFileType` kind → extensions; defaults to DEFAULT_FILE_KINDS */
  kinds?: Readonly<Record<string, readonly string[]>>;
  /** per link probe; default 10 s */
  timeoutMs?: number;
  /** links probed at once; default 8 */
  concurrency?: number;
  /** the run's abort signal: a cancelled run stops probing (the abort error is rethrown) */
  signal?: AbortSignal;
}

/** The parts of a start node this check reads (`data.outputs[*]`). */
export interface StartNodeLike {
  id?: unknown;
  data?: unknown;
}

export interface FileVariable {
  name: string;
  /** `schema.type` of the output: `string` (one link) or `array` (links) */
  type: string;
  extensions: ReadonlySet<string>;
  required: boolean;
}

const protocolError = (detail: string) =>
  new AppException(ErrorCode.FILE_VARIABLE_PROTOCOL_ERROR, `Error: ${detail}`);
const invalidFile = (detail?: string) =>
  new AppException(ErrorCode.FILE_INVALID_ERROR, detail && `Error: ${detail}`);
const invalidLink = () => new AppException(ErrorCode.FILE_INVALID_TYPE_ERROR);

/** The flow's start node (`node-start::…`) in a DSL `{nodes, edges}`, if any. */
export function startNodeOf(dsl: unknown): StartNodeLike | undefined {
  const nodes = (dsl as { nodes?: unknown } | null | undefined)?.nodes;
  if (!Array.isArray(nodes)) return undefined;
  return nodes.find(
    (n: StartNodeLike | null) => typeof n?.id === 'string' && n.id.split(':')[0] === 'node-start',
  ) as StartNodeLike | undefined;
}

/** File variables declared by the start node (`fileType: "file"`); malformed ones → 23602. */
export function fileVariablesOf(
  startNode: StartNodeLike | undefined,
  kinds: Readonly<Record<string, readonly string[]>> = DEFAULT_FILE_KINDS,
): FileVariable[] {
  const outputs = (startNode?.data as { outputs?: unknown } | undefined)?.outputs;
  if (!Array.isArray(outputs)) return [];
  const variables: FileVariable[] = [];
  for (const output of outputs as Record<string, unknown>[]) {
    if (output?.fileType === undefined || output.fileType === null) continue;
    if (output.fileType !== 'file' || typeof output.name !== 'string') {
      throw protocolError('fileType field is incorrect');
    }
    const allowed = output.allowedFileType;
    if (
      !Array.isArray(allowed) ||
      allowed.length === 0 ||
      !allowed.every((k) => typeof k === 'string' && Object.hasOwn(kinds, k))
    ) {
      throw protocolError('allowedFileType field is incorrect');
    }
    const schema = output.schema as { type?: unknown } | undefined;
    variables.push({
      name: output.name,
      type: typeof schema?.type === 'string' ? schema.type : '',
      extensions: new Set((allowed as string[]).flatMap((kind) => kinds[kind])),
      required: output.required === true,
    });
  }
  return variables;
}

/**
 * Checks every file input of a run in two passes. First, without any network: declarations
 * (23602), presence of required ones (23602), each link's extension against the variable's
 * kinds (23601). Then all links are probed concurrently: each must answer with a
 * Content-Length (23603) within FILE_SIZE_LIMIT (23601). Within a pass the first failure in
 * declaration order is thrown.
 */
export async function validateFileInputs(
  startNode: StartNodeLike | undefined,
  parameters: Record<string, unknown>,
  options: FileInputOptions,
): Promise<void> {
  const variables = fileVariablesOf(startNode, options.kinds);
  const links: string[] = [];
  for (const variable of variables) links.push(...linksOf(variable, parameters));
  if (links.length === 0) return;

  const sizes = await settleAll(links, options.concurrency ?? 8, (link) =>
    probeContentLength(link, { timeoutMs: options.timeoutMs ?? 10_000, signal: options.signal }),
  );
  for (const size of sizes) {
    if (size.status === 'rejected') throw size.reason;
    if (size.value > options.sizeLimit) throw invalidFile('File size exceeds limit');
  }
}

/** The links a variable carries, extension-checked; none when an optional one is left empty. */
function linksOf(variable: FileVariable, parameters: Record<string, unknown>): string[] {
  const value = Object.hasOwn(parameters, variable.name) ? parameters[variable.name] : undefined;
  if (value === undefined || value === null || value === '' || isEmptyArray(value)) {
    if (variable.required) throw protocolError(`${variable.name} is a required parameter`);
    return [];
  }
  let links: unknown[];
  if (variable.type === 'string') links = [value];
  else if (variable.type === 'array') {
    if (!Array.isArray(value)) throw protocolError(`${variable.name} must be an array of links`);
    links = value;
  } else {
    throw protocolError(`file variable ${variable.name} must be of type string or array`);
  }
  return links.map((link) => checkedLink(link, variable.extensions));
}

function checkedLink(link: unknown, extensions: ReadonlySet<string>): string {
  if (typeof link !== 'string' || link === '') throw invalidLink();
  let path: string;
  try {
    path = new URL(link).pathname;
  } catch {
    throw invalidLink();
  }
  const last = safeDecode(path.slice(path.lastIndexOf('/') + 1));
  const dot = last.lastIndexOf('.');
  if (dot <= 0) throw invalidFile(); // no `name.ext` in the link at all
  if (!extensions.has(last.slice(dot + 1).toLowerCase())) {
    throw invalidFile('Unsupported file extension');
  }
  return link;
}

function isEmptyArray(value: unknown): boolean {
  return Array.isArray(value) && value.length === 0;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** Promise.allSettled over `items` with at most `limit` running at once, results in order. */
async function settleAll<T, R>(
  items: readonly T[],
  limit: number,
  task: (item: T) => Promise<R>,
): Promise<PromiseSettledResult<R>[]> {
  const results: PromiseSettledResult<R>[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      try {
        results[i] = { status: 'fulfilled', value: await task(items[i]) };
      } catch (reason) {
        results[i] = { status: 'rejected', reason };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return results;
}

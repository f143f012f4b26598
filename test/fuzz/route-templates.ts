import type { INestApplication } from '@nestjs/common';
import type { Json } from './bad-input-generator';

// The routes of the running app (read from the express router, so a new route is fuzzed without
// touching this file) and a plausible body per route to mutate.

export interface FuzzRoute {
  method: 'get' | 'post' | 'patch' | 'put' | 'delete';
  /** express path with `:param` placeholders */
  path: string;
}

interface RouterLayer {
  route?: { path: string; methods: Record<string, boolean> };
}

/** Operations routes and the console answer their own documented shapes and take no input. */
const NOT_FUZZED = [
  /^\/health$/,
  /^\/ready$/,
  /^\/metrics$/,
  /^\/console/,
  /^\/docs/,
  /^\/openapi/,
  /\{\*/,
];

export function routesOf(app: INestApplication): FuzzRoute[] {
  const express = app.getHttpAdapter().getInstance() as { router?: { stack?: RouterLayer[] } };
  const routes: FuzzRoute[] = [];
  for (const layer of express.router?.stack ?? []) {
    if (!layer.route || NOT_FUZZED.some((skip) => skip.test(layer.route!.path))) continue;
    for (const method of Object.keys(layer.route.methods)) {
      if (['get', 'post', 'patch', 'put', 'delete'].includes(method)) {
        routes.push({ method: method as FuzzRoute['method'], path: layer.route.path });
      }
    }
  }
  return routes;
}

export interface TemplateContext {
  flowId: string;
  appAlias: string;
}

const joinerNode = {
  id: 'text-joiner::j1',
  data: {
    nodeMeta: { nodeType: 'text-joiner', aliasName: 'Joiner' },
    nodeParam: { mode: 0, prompt: 'hi {{a}}' },
    inputs: [{ name: 'a', schema: { type: 'string', value: { type: 'literal', content: 'x' } } }],
    outputs: [{ name: 'output', schema: { type: 'string' }, required: false }],
  },
};

/** A plausible body for the route; mutations of it reach past the first validation layer. */
export function templateFor(route: FuzzRoute, c: TemplateContext): Json {
  const p = route.path;
  const dsl = { nodes: [joinerNode], edges: [] };
  const protocol = { name: 'fuzz', description: '', data: dsl };
  if (p.endsWith('/protocol/add')) return { name: 'f', app_id: c.appAlias, data: protocol };
  if (p.endsWith('/protocol/get') || p.endsWith('/protocol/delete')) {
    return { flow_id: c.flowId, app_id: c.appAlias };
  }
  if (p.includes('/protocol/update/')) {
    return { name: 'n', description: 'd', status: 1, app_id: c.appAlias, data: protocol };
  }
  if (p.endsWith('compare/save')) return { flow_id: c.flowId, data: protocol, version: 'v1' };
  if (p.endsWith('compare/delete')) return { flow_id: c.flowId, version: 'v1' };
  if (p.endsWith('/publish')) {
    return { flow_id: c.flowId, release_status: 1, plat: 1, version: 'v1.0', data: null };
  }
  if (p.endsWith('/auth')) return { flow_id: c.flowId, app_id: c.appAlias };
  if (p.endsWith('/chat/completions')) {
    return {
      flow_id: c.flowId,
      uid: 'u',
      stream: true,
      parameters: { AGENT_USER_INPUT: 'hi' },
      history: [{ role: 'user', content: 'x', content_type: 'text' }],
      ext: { caller: 'fuzz' },
      chat_id: 'c',
      version: '',
    };
  }
  if (p.endsWith('/resume')) return { event_id: '7381234567890123456', content: 'A' };
  if (p.endsWith('/node/debug')) return { id: c.flowId, name: 'n', description: '', data: dsl };
  // the code routes only ever get a body without valid `code` (see codeRunSafe)
  if (p.endsWith('/code/run') || p.endsWith('/run')) {
    return {
      code: 'def main():\n  return 1',
      variables: [{ name: 'a', content: 1 }],
      app_id: 'a',
      uid: 'u',
    };
  }
  if (p.includes('/admin/apps')) {
    return route.method === 'patch'
      ? { name: 'n', description: null, is_tenant: 1, source: 1, plat_release_auth: 7 }
      : { alias_id: 'fuzzapp', name: 'n', is_tenant: 0, source: 1, api_key: 'k' };
  }
  return {};
}

/** Routes that would start a sandbox with a valid body: their fuzz bodies never have valid code. */
export function startsSandbox(route: FuzzRoute): boolean {
  return /\/(code\/)?run$/.test(route.path);
}

import type { Request } from 'express';

interface RouterLayer {
  route?: { path: string; methods: Record<string, boolean> };
  match(path: string): boolean;
}

/**
 * True when the request path is served by some route, only not for this method — the case the
 * reference answers with HTTP 405. Walks the express router only on a routing miss.
 */
export function methodNotAllowedFor(req: Request): boolean {
  const stack = (req.app as unknown as { router?: { stack?: RouterLayer[] } }).router?.stack ?? [];
  const path = req.path;
  // Nest mounts module middleware (the request logger) as wildcard routes on every method;
  // those serve no resource, and no route of ours uses a wildcard.
  return stack.some(
    (layer) =>
      layer.route !== undefined && !layer.route.path.includes('{*') && safeMatch(layer, path),
  );
}

function safeMatch(layer: RouterLayer, path: string): boolean {
  try {
    return layer.match(path);
  } catch {
    return false;
  }
}

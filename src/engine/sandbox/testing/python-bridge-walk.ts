/**
 * Python source (for tests) defining `bridge_objects()`: a depth-first walk over classes,
 * `__globals__`, closures, defaults and containers that collects Pyodide JS objects (up to
 * 50). It finds some: the Python-level guards are not the boundary (see ../README.md).
 */
export const PYTHON_BRIDGE_WALK = [
  'import sys, types',
  'def bridge_objects():',
  '    seen, queue, found = set(), [object, sys.modules], []',
  '    while queue and len(found) < 50:',
  '        obj = queue.pop()',
  '        if id(obj) in seen: continue',
  '        seen.add(id(obj))',
  '        if any(c.__name__ == "JsProxy" for c in type(obj).__mro__):',
  '            if not isinstance(obj, type): found.append(obj)',
  '            continue',
  '        if isinstance(obj, type):',
  '            try: queue.extend(type.__subclasses__(obj))',
  '            except Exception: pass',
  '            queue.extend(list(vars(obj).values()))',
  '        elif isinstance(obj, dict): queue.extend(list(obj.values()))',
  '        elif isinstance(obj, (list, tuple, set, frozenset)): queue.extend(list(obj))',
  '        elif isinstance(obj, types.ModuleType): queue.append(vars(obj))',
  '        else:',
  '            for attr in ("__globals__", "__closure__", "__defaults__", "__self__",',
  '                         "__wrapped__", "__func__", "__dict__", "cell_contents"):',
  '                try: queue.append(getattr(obj, attr))',
  '                except Exception: pass',
  '    return found',
].join('\n');

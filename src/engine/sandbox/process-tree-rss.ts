import { readFileSync } from 'node:fs';

function childrenOf(pid: number): number[] {
  try {
    const text = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim();
    return text ? text.split(' ').map(Number) : [];
  } catch {
    return [];
  }
}

/**
 * Resident bytes of a process and its descendants (the sandbox runs under `unshare --fork`,
 * so the interpreter is a child of the pid we spawned). Undefined where /proc is missing.
 */
export function processTreeResidentBytes(pid: number): number | undefined {
  let total = 0;
  const pending = [pid];
  let measured = false;
  while (pending.length > 0) {
    const current = pending.pop()!;
    try {
      const status = readFileSync(`/proc/${current}/status`, 'utf8');
      total += Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) * 1024;
      measured = true;
    } catch {
      continue;
    }
    pending.push(...childrenOf(current));
  }
  return measured ? total : undefined;
}

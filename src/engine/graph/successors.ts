import { AppException } from '../errors/engine-error';
import { ErrorCode } from '../errors/error-codes';
import type { GraphIndex } from './graph-index';

// Choosing successors after a node ran (docs/engine.md#choosing-successors). Pure.

export interface SuccessorChoice {
  readonly active: readonly number[];
  readonly inactive: readonly number[];
}

export interface BranchInfo {
  /** the node picks a handle */
  readonly branching: boolean;
  /** the handle it picked (result.branchHandle) */
  readonly handle: string | undefined;
  /** false when a branch node produced no result */
  readonly hasResult: boolean;
  /** handle to fall back to when the picked one has no successors (decision `default`) */
  readonly fallbackHandle?: string;
}

export function chooseSuccessors(
  graph: GraphIndex,
  node: number,
  routedToFail: boolean,
  branch: BranchInfo,
): SuccessorChoice {
  const normal = graph.normal[node];
  const fail = graph.fail[node];
  if (routedToFail) {
    return { active: fail, inactive: normal.filter((t) => !fail.includes(t)) };
  }
  let active: readonly number[] = normal;
  if (branch.branching) {
    if (!branch.hasResult) {
      throw new AppException(ErrorCode.ENG_RUN_ERROR, 'Branch node did not return result');
    }
    const handles = graph.handles[node];
    let targets = branch.handle !== undefined ? handles.get(branch.handle) : undefined;
    if (!targets?.length && branch.fallbackHandle !== undefined) {
      targets = handles.get(branch.fallbackHandle);
    }
    if (!targets?.length) {
      throw new AppException(
        ErrorCode.ENG_RUN_ERROR,
        `Branch not found: ${branch.handle ?? 'None'}`,
      );
    }
    active = targets;
  }
  const inactive = normal.filter((t) => !active.includes(t));
  for (const t of fail) if (!active.includes(t) && !inactive.includes(t)) inactive.push(t);
  return { active, inactive };
}

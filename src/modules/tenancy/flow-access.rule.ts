import type { RunMode } from '../../engine';

export const FLOW_ACCESS_RULE = 'flow-access-rule';

/** What a route touches, for the strict-mode ownership check. */
export type FlowAccessRule =
  /** `protocol/add`: the new flow will belong to the caller */
  | { kind: 'add' }
  /** a stored flow named by a path parameter or a body field */
  | {
      kind: 'flow';
      from: 'path' | 'body';
      field: string;
      /** refuse unknown ids too (20201) */
      mustExist?: boolean;
      /** the body's `app_id` may not differ from the stored one */
      keepsAppId?: boolean;
    }
  /** a paused run named by the body's `event_id` */
  | { kind: 'run'; view: RunMode };

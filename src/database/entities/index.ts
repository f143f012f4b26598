import { AppSourceEntity } from './app-source.entity';
import { AppEntity } from './app.entity';
import { FlowEntity } from './flow.entity';
import { LicenseEntity } from './license.entity';
import { RunCheckpointEntity } from './run-checkpoint.entity';
import { openOutcome, type RunOutcomeColumns } from './run-outcome-columns';
import { WorkflowNodeHistoryEntity } from './workflow-node-history.entity';
import { WorkflowRunNodeEntity } from './workflow-run-node.entity';
import { WorkflowRunEntity } from './workflow-run.entity';

export {
  AppEntity,
  AppSourceEntity,
  FlowEntity,
  LicenseEntity,
  RunCheckpointEntity,
  WorkflowNodeHistoryEntity,
  WorkflowRunEntity,
  WorkflowRunNodeEntity,
};
export { openOutcome, type RunOutcomeColumns };

export const ENTITIES = [
  FlowEntity,
  AppEntity,
  AppSourceEntity,
  LicenseEntity,
  WorkflowNodeHistoryEntity,
  RunCheckpointEntity,
  WorkflowRunEntity,
  WorkflowRunNodeEntity,
];

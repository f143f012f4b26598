import { AppSourceEntity } from './app-source.entity';
import { AppEntity } from './app.entity';
import { FlowEntity } from './flow.entity';
import { LicenseEntity } from './license.entity';
import { RunCheckpointEntity } from './run-checkpoint.entity';
import { WorkflowNodeHistoryEntity } from './workflow-node-history.entity';

export {
  AppEntity,
  AppSourceEntity,
  FlowEntity,
  LicenseEntity,
  RunCheckpointEntity,
  WorkflowNodeHistoryEntity,
};

export const ENTITIES = [
  FlowEntity,
  AppEntity,
  AppSourceEntity,
  LicenseEntity,
  WorkflowNodeHistoryEntity,
  RunCheckpointEntity,
];

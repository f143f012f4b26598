import { AppSourceEntity } from './app-source.entity';
import { AppEntity } from './app.entity';
import { FlowEntity } from './flow.entity';
import { LicenseEntity } from './license.entity';
import { WorkflowNodeHistoryEntity } from './workflow-node-history.entity';
import { RunCheckpointEntity } from '../../modules/run/checkpoint/run-checkpoint.entity';

export { AppEntity, AppSourceEntity, FlowEntity, LicenseEntity, WorkflowNodeHistoryEntity };

export const ENTITIES = [
  FlowEntity,
  AppEntity,
  AppSourceEntity,
  LicenseEntity,
  WorkflowNodeHistoryEntity,
  RunCheckpointEntity,
];

import { Module } from '@nestjs/common';
import { RunRecordRetention } from './run-record-retention.service';
import { RunRecorder } from './run-recorder.service';

/**
 * Run records (docs/api.md#run-records): the recorder the runner hands every run to, and the
 * retention sweep. The admin API reads the rows through `RunRecordRepository`.
 */
@Module({
  providers: [RunRecorder, RunRecordRetention],
  exports: [RunRecorder, RunRecordRetention],
})
export class RunRecordsModule {}

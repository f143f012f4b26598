import { InitialSchema1732400000000 } from './1732400000000-InitialSchema';
import { RunCheckpoint1732500000000 } from './1732500000000-RunCheckpoint';
import { RunRecords1732600000000 } from './1732600000000-RunRecords';
import { RunNodeRetries1732700000000 } from './1732700000000-RunNodeRetries';

/** Every migration in order; the data source runs them at start-up. */
export const MIGRATIONS = [
  InitialSchema1732400000000,
  RunCheckpoint1732500000000,
  RunRecords1732600000000,
  RunNodeRetries1732700000000,
];

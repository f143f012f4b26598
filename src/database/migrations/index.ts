import { InitialSchema1732400000000 } from './1732400000000-InitialSchema';

/** Every migration in order; the data source runs them at start-up. */
export const MIGRATIONS = [InitialSchema1732400000000];

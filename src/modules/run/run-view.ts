/**
 * How a run answers: `release` (published flow, filtered frames, docs/api.md#release-view) or
 * `debug` (the draft, every frame, docs/api.md#debug-view). It is also the run's mode: the engine
 * cache key, the database node's released-run switch and what a restore rebuilds.
 */
export type RunView = 'release' | 'debug';

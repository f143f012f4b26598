/**
 * How a run answers: `release` (published flow, filtered frames, docs/api.md#release-view) or
 * `debug` (the draft, every frame, docs/api.md#debug-view). It is the engine's run mode: the
 * engine cache key, the database node's released-run switch and what a restore rebuilds.
 */
export type { RunMode as RunView } from '../../engine';

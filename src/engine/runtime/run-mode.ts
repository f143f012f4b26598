// Whether a run serves a debug or a released chat: some services act on it (the database node
// sends `env: test|prod`). Set per run by the service; absent (node debug, tests) = debug.

/** How a run serves: a debug run (draft, every frame) or a released chat. */
export type RunMode = 'debug' | 'release';

declare module './engine-services' {
  interface EngineServices {
    runMode: RunMode;
  }
}

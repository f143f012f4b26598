// Whether a run serves a debug or a released chat: some services act on it (the database node
// sends `env: test|prod`). Set per run by the service; absent (node debug, tests) = debug.

declare module './engine-services' {
  interface EngineServices {
    runMode: 'debug' | 'release';
  }
}

export {};

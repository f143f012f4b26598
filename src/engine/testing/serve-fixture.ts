// Specs against a loopback fixture server: started once for the enclosing `describe`, reset
// before each test so scripted replies and recorded calls never leak between tests.

export interface LoopbackFixture {
  start(): Promise<unknown>;
  close(): Promise<void>;
  reset(): void;
}

export function serveFixture<F extends LoopbackFixture>(fixture: F): F {
  beforeAll(() => fixture.start());
  afterAll(() => fixture.close());
  beforeEach(() => fixture.reset());
  return fixture;
}

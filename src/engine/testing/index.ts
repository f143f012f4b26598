// Test-only face of the engine: DSL builders, run helpers, scripted test node types (registered
// on import), an in-memory interrupt registry, the option-question payload and sandbox probes. Specs, e2e tests and benches
// import it; production code never does.
export * from './flow-builder';
export * from './run-helpers';
export * from './test-executors';
export * from './memory-interrupts';
export * from './option-question';
export { PYTHON_BRIDGE_WALK } from '../sandbox/testing/python-bridge-walk';

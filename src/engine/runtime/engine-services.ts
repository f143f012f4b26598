// Outside services an executor may need (LLM client, code runner, interrupt queues, stores…).
// Empty on purpose: each module adds its member by declaration merging, e.g.
//
//   declare module '../../runtime/engine-services' {
//     interface EngineServices { llm: LlmProviderFactory }
//   }
//
// The service passes a `Partial<EngineServices>` to runWorkflow; an executor reads its member
// through `ctx.service('llm')`, which fails the node with a clear 22302 error when absent.

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface EngineServices {}

export type EngineServiceName = keyof EngineServices;

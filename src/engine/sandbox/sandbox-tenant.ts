/**
 * The keys that decide which Python sandbox process may run a piece of code (a process serves
 * one key for its whole life). Every part comes from the server side of a request — the app the
 * gateway authenticated (`X-Consumer-Username`) or the stored owner of a flow — never from a
 * body field or a DSL value, which the caller writes freely. JSON keeps the parts apart whatever
 * characters an app id holds.
 */
export const sandboxTenant = {
  /** `/code/run`: the calling app (all callers without the header share one key) */
  codeRun: (caller: string): string => JSON.stringify(['code-run', caller]),
  /** `/node/debug`: the calling app, apart from its `/code/run` processes */
  nodeDebug: (caller: string): string => JSON.stringify(['node-debug', caller]),
  /**
   * A flow run: the flow's stored owner AND the calling app. A flow added by B in A's name
   * (the owner is whatever its creator wrote) therefore never shares a process with A's own
   * runs, and two callers of one flow each get their own process.
   */
  flowRun: (owner: string, caller: string): string => JSON.stringify(['flow', owner, caller]),
};

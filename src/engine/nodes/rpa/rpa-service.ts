/** Where and how long RPA nodes call the RPA executor (engine service `rpaService`). */
export interface RpaService {
  /** the executor's base URL (`POST {baseUrl}/rpa/v1/exec`); unset: RPA nodes fail with 21300 */
  readonly baseUrl?: string;
  /** the whole execution (24 h by default: robots run long) */
  readonly timeoutMs: number;
  /** until the executor answers (status and headers) */
  readonly connectTimeoutMs: number;
}

declare module '../../runtime/engine-services' {
  interface EngineServices {
    rpaService: RpaService;
  }
}

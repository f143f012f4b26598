// A sandbox pool's counters, read by the host (the service's metrics collector) at scrape time.
// Plain numbers: the engine knows nothing of the metrics library that shows them.

export interface SandboxPoolStats {
  /** sandboxes starting or running a job (or cleaning up after one) */
  busy: number;
  /** warm sandboxes waiting for a job */
  idle: number;
  /** sandboxes started since the pool was created (replacements and spares included) */
  coldStarts: number;
}

/** Where a node's HTTP service is and how long it may keep the node waiting. */
export interface ServiceEndpoint {
  /** unset: the nodes using the service fail with "<SETTING> is not configured" */
  readonly url?: string;
  /** the service timeout (for a streamed answer: each wait, the read timeout) */
  readonly timeoutMs: number;
}

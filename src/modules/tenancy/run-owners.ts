/** Who started a paused run and on which flow, as the run feature recorded it. */
export interface RunOwner {
  app_id: string;
  flow_id: string;
}

/**
 * The run feature answers this for strict-mode resume checks (docs/api.md#tenancy); tenancy
 * owns the question so that it depends on no run internals.
 */
export interface RunOwners {
  ownerOf(eventId: string): Promise<RunOwner | null>;
}

export const RUN_OWNERS = Symbol('RUN_OWNERS');

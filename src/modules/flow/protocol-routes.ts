// Mount points of the protocol routes (docs/api.md#routes): the current and the legacy prefix.
export const PROTOCOL_PREFIXES = ['workflow/v1', 'sparkflow/v1'];

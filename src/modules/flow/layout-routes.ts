// Mount points of the layout group (docs/api.md#routes): the current and the legacy prefix.
export const LAYOUT_PREFIXES = ['workflow/v1', 'sparkflow/v1'];

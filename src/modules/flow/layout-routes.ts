// Mount points of the layout group (spec/api.md §3): the current and the legacy prefix.
export const LAYOUT_PREFIXES = ['workflow/v1', 'sparkflow/v1'];

// Codes and bit masks of the admin API in words (docs/api.md, "Release status" and "Apps").

export const PLATFORMS = [
  { value: 1, name: 'Xingchen Platform' },
  { value: 2, name: 'Open Platform' },
  { value: 4, name: 'AIUI' },
];

export function platformName(value) {
  return PLATFORMS.find((p) => p.value === value)?.name ?? (value ? `platform ${value}` : 'none');
}

/** `plat_release_auth`: the platforms a tenant may publish on. */
export function publishRights(mask) {
  const names = PLATFORMS.filter((p) => (mask & p.value) !== 0).map((p) => p.name);
  return names.length ? `May publish on ${names.join(', ')}` : 'May not publish';
}

export function appKind(app) {
  return app.is_tenant === 1
    ? 'Tenant (publishes and binds flows)'
    : 'App (runs flows bound to it)';
}

export function auditWords(policy) {
  return policy === 1 ? 'Platform audit' : 'No audit';
}

/** The publish operations a tenant can apply from the Flows page (`release_status` of /v1/publish). */
export const PUBLISH_OPS = [
  { value: 1, name: 'Publish' },
  { value: 2, name: 'Publish as API' },
  { value: 3, name: 'Take down' },
];

/** A flow's per-platform status line, e.g. "Xingchen Platform: Published". */
export function platformStatuses(flow) {
  const parts = (flow.platforms ?? []).map((p) => `${p.platform_name}: ${p.status}`);
  if (flow.published_as_api) parts.push('published as API');
  return parts.join(' · ');
}

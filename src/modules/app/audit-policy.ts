import type { AppEntity } from '../../database/entities';

/**
 * Whether the app runs under the platform audit policy (`audit_policy` 1, docs/api.md#audit-policy).
 * Audit calls themselves are pass-through (`AUDIT_ENABLE` 0 and no audit service), but what the
 * policy forbids holds: a run of such an app cannot pause for the user (21104).
 */
export function underPlatformAudit(app: Pick<AppEntity, 'auditPolicy'>): boolean {
  return app.auditPolicy === 1;
}

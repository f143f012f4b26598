// `npm run app:create -- --help`: every flag with its meaning and limits (the limits are those
// of CreateAppDto, i.e. of the `app` table's columns).

export const APP_CREATE_HELP = `usage: npm run app:create -- --alias-id <id> --name <name> [options]

Registers an app or tenant in the database of DATABASE_URL, with the same checks as
POST /workflow/v1/admin/apps, and prints the new app as JSON (without the secret).

Required:
  --alias-id <id>           external app id, i.e. the X-Consumer-Username value: printable
                            ASCII without spaces, at most 64 characters, unique
  --name <name>             display name, at most 30 characters

Options:
  --tenant                  make it a tenant, which may publish flows (/v1/publish) and bind
                            apps to them (/v1/auth); without it: an ordinary app
  --description <text>      free text, at most 255 characters
  --source 0|1|2|4          platform the app belongs to: 1 Xingchen, 2 Open platform, 4 AIUI;
                            0 (default) none. Publishing without a platform uses it
  --actual-source 0|1|2|4   platform recorded on the flows the app adds (default: --source)
  --plat-release-auth 0-7   platforms the tenant may publish on: the sum of 1 Xingchen,
                            2 Open platform, 4 AIUI (default 0: none)
  --api-key <key>           model credential key (at most 50), injected into the app's released
                            runs; with AUTH_MODE=signature it also names the signing app
  --api-secret <secret>     model credential secret (at most 50); never shown again. Rotate it
                            with POST /workflow/v1/admin/apps/{alias_id}/secret
  --audit-policy 0|1        1: platform audit of inputs and outputs (runs then cannot pause for
                            the user); 0 (default) none
  -h, --help                this help

Exit codes: 0 created, 1 refused (e.g. alias taken), 2 invalid arguments, 78 invalid
configuration.`;

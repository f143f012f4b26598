import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ADMIN_AUTH, ADMIN_TOKEN } from './helpers/app-fixtures';
import { createTestApp, TestApp, uniqueAlias } from './helpers/test-app';
import { TEST_TMP_DIR } from './helpers/test-paths';

const run = promisify(execFile);
const ROOT = join(__dirname, '..');

// `npm run app:create` (scripts/app-create.ts) against the same database a running service uses.
describe('CLI app:create', () => {
  const databaseUrl =
    process.env.TEST_DATABASE_URL ?? `sqlite:${join(TEST_TMP_DIR, `${randomUUID()}.sqlite`)}`;
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ ADMIN_TOKEN, DATABASE_URL: databaseUrl });
  });

  afterAll(async () => {
    await t.close();
  });

  async function cli(args: string[]) {
    try {
      const { stdout, stderr } = await run(
        process.execPath,
        ['-r', 'ts-node/register/transpile-only', 'scripts/app-create.ts', ...args],
        { cwd: ROOT, env: { ...process.env, DATABASE_URL: databaseUrl, LOG_LEVEL: 'silent' } },
      );
      return { code: 0, stdout, stderr };
    } catch (error) {
      const e = error as { code: number; stdout: string; stderr: string };
      return { code: e.code, stdout: e.stdout, stderr: e.stderr };
    }
  }

  const get = (alias: string) =>
    t.http().get(`/workflow/v1/admin/apps/${alias}`).set(ADMIN_AUTH).expect(200);

  it('creates a tenant the service then sees', async () => {
    const alias = uniqueAlias('cli');
    const res = await cli([
      '--alias-id',
      alias,
      '--name',
      'CLI tenant',
      '--tenant',
      '--source',
      '2',
      '--plat-release-auth',
      '7',
      '--api-key',
      'k',
      '--api-secret',
      's',
      '--description',
      'd',
    ]);
    expect(res.code).toBe(0);
    const printed = JSON.parse(res.stdout);
    const seen = (await get(alias)).body.data;
    expect(seen).toEqual(printed);
    expect(seen).toMatchObject({
      alias_id: alias,
      name: 'CLI tenant',
      is_tenant: 1,
      source: 2,
      actual_source: 2,
      plat_release_auth: 7,
      api_key: 'k',
      description: 'd',
    });
  });

  it('creates a non-tenant by default', async () => {
    const alias = uniqueAlias('cli');
    expect((await cli(['--alias-id', alias, '--name', 'plain'])).code).toBe(0);
    expect((await get(alias)).body.data).toMatchObject({ is_tenant: 0, source: 0 });
  });

  it('refuses a taken alias with exit code 1', async () => {
    const alias = uniqueAlias('cli');
    await cli(['--alias-id', alias, '--name', 'first']);
    const res = await cli(['--alias-id', alias, '--name', 'second']);
    expect(res.code).toBe(1);
    expect(res.stderr).toContain(`refused: 409 Application already exists(alias_id ${alias})`);
    expect((await get(alias)).body.data.name).toBe('first');
  });

  it('explains every flag with --help', async () => {
    const res = await cli(['--help']);
    expect(res.code).toBe(0);
    expect(res.stdout).toContain('usage: npm run app:create');
    const flags = [
      '--alias-id <id>',
      '--name <name>',
      '--tenant',
      '--description <text>',
      '--source 0|1|2|4',
      '--actual-source 0|1|2|4',
      '--plat-release-auth 0-7',
      '--api-key <key>',
      '--api-secret <secret>',
      '--audit-policy 0|1',
      '-h, --help',
    ];
    for (const flag of flags) {
      // each flag starts a line and is followed by its explanation
      expect(res.stdout).toMatch(new RegExp(`^  ${flag.replace(/[|]/g, '\\|')}  +\\S`, 'm'));
    }
  });

  it('refuses invalid arguments with exit code 2 and the 460 lines, creating nothing', async () => {
    const alias = uniqueAlias('cli');
    const res = await cli(['--alias-id', alias, '--name', 'n'.repeat(31), '--source', 'three']);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('Parameter: body->name');
    expect(res.stderr).toContain('Parameter: body->source, Input: three');
    expect((await get(alias)).body.code).toBe(20000);
    const unknown = await cli(['--alias', alias]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('usage: npm run app:create');
  });
});

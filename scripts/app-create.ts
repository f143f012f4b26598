// Registers an app or tenant in the configured database (DATABASE_URL), with the same DTO
// validation and service code as POST /workflow/v1/admin/apps.
//
//   npm run app:create -- --alias-id tenant-demo --name "Demo tenant" --tenant \
//     --source 1 --plat-release-auth 7 [--actual-source 1] [--description …] \
//     [--api-key …] [--api-secret …] [--audit-policy 0|1]
//
// Prints the created app as JSON. Exit codes: 0 created, 1 refused (e.g. alias taken),
// 2 invalid arguments, 78 invalid configuration.
import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { parseArgs } from 'node:util';
import { DataSource } from 'typeorm';
import { APP_CREATE_HELP } from './app-create-help';
import { loadConfigFromEnvironment } from '../src/core/config/app-config';
import { ConfigError } from '../src/core/config/config.schema';
import { isAppException } from '../src/core/errors/app.exception';
import { paramErrorLine, violationsFromValidation } from '../src/core/errors/param-error';
import { dataSourceOptions } from '../src/database/data-source-options';
import { AppAdminService } from '../src/modules/admin/app-admin.service';
import { CreateAppDto } from '../src/modules/admin/dto/create-app.dto';
import { AppResolverService } from '../src/modules/app/app-resolver.service';
import { AppSourceRepository } from '../src/database/repositories/app-source.repository';
import { AppRepository } from '../src/database/repositories/app.repository';
import { ManagementPlatformClient } from '../src/modules/app/remote/management-platform.client';

const USAGE = `usage: npm run app:create -- --alias-id <id> --name <name> [--tenant]
  [--description <text>] [--source 0|1|2|4] [--actual-source 0|1|2|4]
  [--plat-release-auth 0-7] [--api-key <key>] [--api-secret <secret>] [--audit-policy 0|1]`;

const NUMERIC = {
  source: 'source',
  'actual-source': 'actual_source',
  'plat-release-auth': 'plat_release_auth',
  'audit-policy': 'audit_policy',
} as const;

function readArgs(argv: string[]): Record<string, unknown> {
  const { values } = parseArgs({
    args: argv,
    options: {
      'alias-id': { type: 'string' },
      name: { type: 'string' },
      description: { type: 'string' },
      tenant: { type: 'boolean' },
      source: { type: 'string' },
      'actual-source': { type: 'string' },
      'plat-release-auth': { type: 'string' },
      'api-key': { type: 'string' },
      'api-secret': { type: 'string' },
      'audit-policy': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(`${APP_CREATE_HELP}\n`);
    process.exit(0);
  }
  const body: Record<string, unknown> = {
    alias_id: values['alias-id'],
    name: values.name,
    description: values.description,
    is_tenant: values.tenant ? 1 : 0,
    api_key: values['api-key'],
    api_secret: values['api-secret'],
  };
  for (const [flag, column] of Object.entries(NUMERIC)) {
    const raw = values[flag as keyof typeof NUMERIC];
    // a non-integer is passed on as text so validation names the column
    if (raw !== undefined) body[column] = /^-?\d+$/.test(raw) ? Number(raw) : raw;
  }
  return body;
}

async function main(): Promise<number> {
  let body: Record<string, unknown>;
  try {
    body = readArgs(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n${USAGE}\n`);
    return 2;
  }
  const dto = plainToInstance(CreateAppDto, body);
  const errors = await validate(dto, { whitelist: true, validationError: { target: false } });
  if (errors.length) {
    const lines = violationsFromValidation(errors).map(paramErrorLine);
    process.stderr.write(`${lines.join('\n')}\n${USAGE}\n`);
    return 2;
  }
  let config;
  try {
    config = loadConfigFromEnvironment();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    return 78;
  }
  const dataSource = new DataSource(dataSourceOptions(config.database, config.migrationsRun));
  await dataSource.initialize();
  try {
    const apps = new AppRepository(dataSource);
    const resolver = new AppResolverService(
      config,
      apps,
      new AppSourceRepository(dataSource),
      new ManagementPlatformClient(config),
    );
    const created = await new AppAdminService(apps, resolver).create(dto);
    process.stdout.write(`${JSON.stringify(created, null, 2)}\n`);
    return 0;
  } catch (error) {
    if (!isAppException(error)) throw error;
    process.stderr.write(`refused: ${error.code} ${error.message}\n`);
    return 1;
  } finally {
    await dataSource.destroy();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);

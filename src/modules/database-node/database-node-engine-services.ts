import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '../../core/config/app-config';
import { type DatabaseBackend, EmbeddedDatabase, RemoteDatabase } from '../../engine';

/**
 * Engine service `database` of the database node: the operator's own database when
 * DATABASE_NODE_URL is set (embedded mode), else the astron database service at PGSQL_URL
 * (unset → the node fails with 22301, as in the reference).
 */
@Injectable()
export class DatabaseNodeEngineServices implements OnApplicationShutdown {
  readonly services: { database: DatabaseBackend };

  constructor(config: AppConfig) {
    const { pgsqlUrl, embeddedUrl, timeoutMs, maxRows } = config.databaseNode;
    const database = embeddedUrl
      ? new EmbeddedDatabase({ url: embeddedUrl, timeoutMs, maxRows })
      : new RemoteDatabase({ url: pgsqlUrl, timeoutMs });
    this.services = { database };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.services.database.close();
  }
}

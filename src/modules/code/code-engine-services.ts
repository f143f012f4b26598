import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '../../core/config/app-config';
import {
  type CodeEngineService,
  type CodeRunner,
  IflyCodeRunner,
  LanguageRouter,
  SandboxCodeRunner,
} from '../../engine';

/**
 * The code runner of the service, built from configuration: local sandboxes (Pyodide
 * processes, QuickJS workers; pools sized by CODE_PYTHON_POOL_SIZE / CODE_JS_POOL_SIZE and
 * warmed on first use), or with CODE_EXEC_TYPE=ifly Python on the remote sandbox at
 * CODE_EXEC_URL. Contributed to the engine as service `code`; the pools close with the app.
 */
@Injectable()
export class CodeEngineServices implements OnApplicationShutdown {
  readonly runner: CodeRunner;
  /** the local sandbox pools (their stats feed the metrics) */
  readonly sandboxes: SandboxCodeRunner;
  readonly services: { code: CodeEngineService };

  constructor(config: AppConfig) {
    const local = new SandboxCodeRunner({
      pythonPoolSize: config.code.pythonPoolSize,
      javascriptPoolSize: config.code.jsPoolSize,
      pythonMaxResidentBytes: config.code.pythonMaxRssMb * 1024 * 1024,
      pythonTenantIsolation: config.code.pythonTenantIsolation,
      pythonSpares: config.code.pythonSpares,
      pythonAdmission: {
        startsPerCaller: config.code.pythonStartsPerCaller,
        tenantsPerMinute: config.code.pythonTenantsPerMinute,
      },
    });
    this.sandboxes = local;
    this.runner =
      config.code.execType === 'ifly'
        ? new LanguageRouter(new IflyCodeRunner({ url: config.code.execUrl }), local)
        : local;
    this.services = {
      code: { runner: this.runner, fallbackTimeoutMs: config.code.timeoutSec * 1000 },
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.runner.close();
  }
}

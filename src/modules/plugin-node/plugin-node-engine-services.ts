import { Injectable } from '@nestjs/common';
import { AppConfig } from '../../core/config/app-config';
import { HttpToolGateway, type ToolGateway } from '../../engine';

/**
 * Engine service `toolGateway` of the plugin node: the tool gateway at PLUGIN_GET_URL /
 * PLUGIN_RUN_URL (or PLUGIN_BASE_URL + the fixed paths), with one schema cache per process.
 */
@Injectable()
export class PluginNodeEngineServices {
  readonly services: { toolGateway: ToolGateway };

  constructor(config: AppConfig) {
    const { getUrl, runUrl, timeoutMs, schemaTtlSec } = config.pluginNode;
    this.services = {
      toolGateway: new HttpToolGateway({
        getUrl,
        runUrl,
        timeoutMs,
        schemaTtlMs: schemaTtlSec * 1000,
      }),
    };
  }
}

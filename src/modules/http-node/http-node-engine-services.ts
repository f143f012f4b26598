import { Injectable } from '@nestjs/common';
import { AppConfig } from '../../core/config/app-config';
import type { HttpNodeSettings } from '../../engine';

/** Engine service `httpRequest`: the http-request node's guard exceptions and limits (HTTP_NODE_*). */
@Injectable()
export class HttpNodeEngineServices {
  readonly services: { httpRequest: HttpNodeSettings };

  constructor(config: AppConfig) {
    this.services = { httpRequest: Object.freeze({ ...config.httpNode }) };
  }
}

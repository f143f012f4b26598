import { Injectable } from '@nestjs/common';
import { AppConfig } from '../../core/config/app-config';
import type { RpaService } from '../../engine';

/** Engine service `rpaService` of the RPA node: the executor at RPA_BASE_URL. */
@Injectable()
export class RpaNodeEngineServices {
  readonly services: { rpaService: RpaService };

  constructor(config: AppConfig) {
    this.services = { rpaService: { ...config.rpaNode } };
  }
}

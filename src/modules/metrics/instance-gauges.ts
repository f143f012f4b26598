import { Injectable, OnModuleInit } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { liveStreams } from '../../core/http/live-streams';
import { ServiceMetrics } from '../../core/telemetry/service-metrics';
import type { CodeLanguage } from '../../engine';
import { CodeEngineServices } from '../code/code-engine-services';
import { RunEventForwarder } from '../run/run-event-forwarder';

const LANGUAGES: CodeLanguage[] = ['python', 'javascript'];

/**
 * Metrics read when scraped from what this instance holds: open SSE streams, paused runs of the
 * run registry, the local sandbox pools (busy / idle / cold starts, through the engine's
 * `SandboxPoolStats`). Looked up loosely: an app without one of the parts shows zeros.
 */
@Injectable()
export class InstanceGauges implements OnModuleInit {
  constructor(
    private readonly metrics: ServiceMetrics,
    private readonly modules: ModuleRef,
  ) {}

  onModuleInit(): void {
    const forwarder = this.optional(RunEventForwarder);
    const code = this.optional(CodeEngineServices);
    const pools = () =>
      LANGUAGES.map((language) => ({ language, stats: code?.sandboxes.poolStats(language) }));

    this.metrics.readGauge('astron_live_streams', 'Open SSE responses', [], function () {
      this.set(liveStreams());
    });
    this.metrics.readGauge(
      'astron_paused_runs',
      'Runs paused at a question on this instance, waiting for /resume',
      [],
      function () {
        this.set(forwarder?.pausedRuns ?? 0);
      },
    );
    this.metrics.readGauge(
      'astron_sandbox_busy',
      'Code sandboxes starting or running a job',
      ['language'],
      function () {
        for (const { language, stats } of pools()) this.set({ language }, stats?.busy ?? 0);
      },
    );
    this.metrics.readGauge(
      'astron_sandbox_idle',
      'Warm code sandboxes waiting for a job',
      ['language'],
      function () {
        for (const { language, stats } of pools()) this.set({ language }, stats?.idle ?? 0);
      },
    );
    this.metrics.mirroredCounter(
      'astron_sandbox_cold_starts_total',
      'Code sandboxes started (replacements and spares included)',
      ['language'],
      () =>
        pools().map(({ language, stats }) => ({
          labels: { language },
          total: stats?.coldStarts ?? 0,
        })),
    );
  }

  private optional<T>(type: abstract new (...args: never[]) => T): T | undefined {
    try {
      return this.modules.get(type, { strict: false });
    } catch {
      return undefined;
    }
  }
}

import { Body, Controller, DynamicModule, HttpCode, Module, Post, Res } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import autocannon from 'autocannon';
import type { Response } from 'express';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppModule } from '../src/app.module';
import { configureApp } from '../src/configure-app';
import { loadConfig } from '../src/core/config/app-config';
import { RequiresConsumer } from '../src/core/http/consumer.decorator';
import { RawResponse } from '../src/core/http/envelope.interceptor';
import { ChatRequestDto } from '../src/modules/chat/dto/chat-request.dto';
import { line, median, verdict } from './report';
import { seedSmallFlow } from './seed-small-flow';

// HTTP runs per second of a small non-streaming released flow against a bare route of the same
// application (same middleware, guard, validation pipe, body DTO) that answers a fixed chunk.

const FIXED = JSON.stringify({
  code: 0,
  message: 'Success',
  id: 'bench',
  created: 0,
  choices: [
    {
      delta: { role: 'assistant', content: 'Hello hi!', reasoning_content: '' },
      index: 0,
      finish_reason: 'stop',
    },
  ],
  usage: { completion_tokens: 0, prompt_tokens: 0, total_tokens: 0 },
});

@Controller('bench')
class BareRouteController {
  @Post('fixed')
  @HttpCode(200)
  @RequiresConsumer()
  @RawResponse()
  fixed(@Body() _body: ChatRequestDto, @Res() res: Response): void {
    res.type('application/json').send(FIXED);
  }
}

@Module({})
class BenchAppModule {}

const ROUNDS = 5;
const ROUND_SEC = 3;
const CONNECTIONS = 16;

interface Rate {
  rps: number;
  p50: number;
  errors: number;
}

async function rate(url: string, body: string, seconds: number): Promise<Rate> {
  const result = await autocannon({
    url,
    method: 'POST',
    connections: CONNECTIONS,
    duration: seconds,
    // the load generator runs in its own thread so it does not share the server's event loop
    workers: 1,
    headers: { 'content-type': 'application/json', 'x-consumer-username': 'benchapp' },
    body,
  });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    errors: result.errors + result.non2xx,
  };
}

export async function run(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'wf-bench-'));
  const config = loadConfig({
    DATABASE_URL: `sqlite:${join(dir, 'bench.sqlite')}`,
    LOG_LEVEL: 'silent',
    FILE_STORAGE_DIR: join(dir, 'files'),
    RUNTIME_ENV: 'test',
  });
  const root: DynamicModule = {
    module: BenchAppModule,
    imports: [AppModule.forRoot(config)],
    controllers: [BareRouteController],
  };
  const app = await NestFactory.create<NestExpressApplication>(root, {
    bodyParser: false,
    bufferLogs: true,
  });
  configureApp(app, config);
  await app.listen(0, '127.0.0.1');
  try {
    const flowId = await seedSmallFlow(app, 'benchapp');
    const base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
    const body = JSON.stringify({
      flow_id: flowId,
      parameters: { AGENT_USER_INPUT: 'hi there' },
      stream: false,
    });
    const check = await fetch(`${base}/workflow/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-consumer-username': 'benchapp' },
      body,
    });
    const answer = (await check.json()) as {
      code: number;
      choices?: { delta: { content: string } }[];
    };
    if (answer.code !== 0) throw new Error(`flow run failed: ${JSON.stringify(answer)}`);
    line('small flow answer', JSON.stringify(answer.choices?.[0].delta.content));

    await rate(`${base}/bench/fixed`, body, 2); // warm-up both paths
    await rate(`${base}/workflow/v1/chat/completions`, body, 2);
    // alternate short rounds so that load from elsewhere on the machine hits both alike
    const bare: Rate[] = [];
    const flows: Rate[] = [];
    for (let round = 0; round < ROUNDS; round += 1) {
      bare.push(await rate(`${base}/bench/fixed`, body, ROUND_SEC));
      flows.push(await rate(`${base}/workflow/v1/chat/completions`, body, ROUND_SEC));
    }
    const errors = [...bare, ...flows].reduce((sum, r) => sum + r.errors, 0);
    const bareRps = median(bare.map((r) => r.rps));
    const flowRps = median(flows.map((r) => r.rps));
    const ratio = median(flows.map((r, i) => r.rps / bare[i].rps));
    const setup = `${CONNECTIONS} conn, ${ROUNDS}×${ROUND_SEC} s`;
    line(
      `bare route (${setup})`,
      `${bareRps.toFixed(0)} req/s`,
      `p50 ${median(bare.map((r) => r.p50))} ms`,
    );
    line(
      'small flow start→if-else→joiner→end',
      `${flowRps.toFixed(0)} req/s`,
      `p50 ${median(flows.map((r) => r.p50))} ms`,
    );
    verdict(
      'in-process small flow ÷ bare route (same app)',
      `${(ratio * 100).toFixed(1)} %`,
      '≥ 50 %',
      ratio >= 0.5,
    );
    line('non-2xx or errors', String(errors));
  } finally {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

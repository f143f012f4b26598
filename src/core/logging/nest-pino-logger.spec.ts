import pino from 'pino';
import { Writable } from 'node:stream';
import { NestPinoLogger } from './nest-pino-logger';

function capture(level = 'info') {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  return { lines, logger: new NestPinoLogger(pino({ level }, sink)) };
}

describe('NestPinoLogger', () => {
  it('takes the context from the last argument and fields from an object first argument', () => {
    const { lines, logger } = capture();
    logger.error({ sid: 's-1', err: new Error('boom') }, 'unexpected error', 'Errors');
    logger.log('created bucket b', 'S3Storage');
    expect(lines[0]).toMatchObject({
      level: 50,
      sid: 's-1',
      context: 'Errors',
      msg: 'unexpected error',
      err: { message: 'boom' },
    });
    expect(lines[1]).toMatchObject({ level: 30, context: 'S3Storage', msg: 'created bucket b' });
  });

  it("keeps a stack Nest's own handlers pass as the second argument", () => {
    const { lines, logger } = capture();
    logger.error('failed', 'Error: failed\n    at somewhere (x.js:1:1)', 'ExceptionsHandler');
    expect(lines[0]).toMatchObject({
      msg: 'failed',
      context: 'ExceptionsHandler',
      err: { stack: 'Error: failed\n    at somewhere (x.js:1:1)' },
    });
  });

  it('drops levels below the configured one, maps verbose to trace', () => {
    const { lines, logger } = capture('warn');
    logger.log('quiet');
    logger.verbose('quieter');
    logger.warn('heard');
    expect(lines.map((line) => line.msg)).toEqual(['heard']);
    const loud = capture('trace');
    loud.logger.verbose('detail');
    expect(loud.lines[0]).toMatchObject({ level: 10, msg: 'detail' });
  });
});

describe("NestPinoLogger and Nest's start-up narration", () => {
  it('logs route mapping and module initialisation at debug, other contexts as asked', () => {
    const { lines, logger } = capture('info');
    logger.log('Mapped {/workflow/v1/chat/completions, POST} route', 'RouterExplorer');
    logger.log('CoreModule dependencies initialized', 'InstanceLoader');
    logger.log('created bucket b', 'S3Storage');
    expect(lines.map((line) => line.msg)).toEqual(['created bucket b']);

    const debug = capture('debug');
    debug.logger.log('Mapped {/x, GET} route', 'RouterExplorer');
    expect(debug.lines[0]).toMatchObject({ level: 20, context: 'RouterExplorer' });
  });
});

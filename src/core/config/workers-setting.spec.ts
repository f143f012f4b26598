import { availableParallelism } from 'node:os';
import { loadConfig } from './app-config';
import { ConfigError } from './config.schema';

describe('WORKERS', () => {
  const redis = { REDIS_URL: 'redis://127.0.0.1:6379' };

  it('is one process unless set', () => {
    expect(loadConfig({}).workers).toBe(1);
    expect(loadConfig({ WORKERS: '1' }).workers).toBe(1);
  });

  it('reads a count, and auto as one per CPU', () => {
    expect(loadConfig({ ...redis, WORKERS: '3' }).workers).toBe(3);
    expect(loadConfig({ ...redis, WORKERS: 'auto' }).workers).toBe(availableParallelism());
  });

  it.each(['0', '-2', 'two', '1.5', '1000'])('refuses %s, naming WORKERS', (value) => {
    expect(() => loadConfig({ ...redis, WORKERS: value })).toThrow(
      expect.objectContaining({
        message: expect.stringMatching(/^Invalid configuration: WORKERS /),
      }),
    );
  });

  it('refuses more than one worker without a shared Redis, naming both settings', () => {
    expect(() => loadConfig({ WORKERS: '2' })).toThrow(ConfigError);
    expect(() => loadConfig({ WORKERS: '2' })).toThrow(
      'Invalid configuration: WORKERS 2 needs REDIS_URL: workers share paused runs and variables through Redis',
    );
  });
});

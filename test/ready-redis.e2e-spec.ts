import { createTestApp, TestApp } from './helpers/test-app';

// /ready reports the run registry's Redis when REDIS_URL is set (CI runs Redis on 127.0.0.1).
describe('/ready with Redis configured', () => {
  it('reports Redis up next to the database', async () => {
    const t: TestApp = await createTestApp({ REDIS_URL: 'redis://127.0.0.1:6379' });
    try {
      const res = await t.http().get('/ready').expect(200);
      expect(res.body.checks.redis).toEqual({ status: 'up' });
      expect(res.body.checks.database).toEqual({ status: 'up' });
    } finally {
      await t.close();
    }
  });

  it('answers 503 naming Redis when it does not answer', async () => {
    const t: TestApp = await createTestApp({ REDIS_URL: 'redis://127.0.0.1:1' });
    try {
      const res = await t.http().get('/ready').expect(503);
      expect(res.body.status).toBe('unavailable');
      expect(res.body.checks.redis.status).toBe('down');
      expect(res.body.checks.database).toEqual({ status: 'up' });
    } finally {
      await t.close();
    }
  });
});

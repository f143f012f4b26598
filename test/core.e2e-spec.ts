import { createTestApp, TestApp } from './helpers/test-app';

describe('service basics (health, routing misses, CORS, docs)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });

  afterAll(async () => {
    await t.close();
  });

  it('answers liveness and readiness with the database checked', async () => {
    await t.http().get('/health').expect(200, { status: 'ok' });
    const ready = await t.http().get('/ready').expect(200);
    expect(ready.body.status).toBe('ok');
    expect(ready.body.checks.database).toEqual({ status: 'up' });
  });

  it('accepts a trailing slash', async () => {
    await t.http().get('/health/').expect(200, { status: 'ok' });
  });

  it('answers an unknown path with JSON 404', async () => {
    const res = await t.http().get('/no/such/path').expect(404);
    expect(res.body).toEqual({ detail: 'Not Found' });
  });

  it('answers a wrong method on a known path with JSON 405', async () => {
    const res = await t.http().post('/health').expect(405);
    expect(res.body).toEqual({ detail: 'Method Not Allowed' });
  });

  it('is permissive for CORS preflights', async () => {
    const res = await t
      .http()
      .options('/workflow/v1/protocol/add')
      .set('Origin', 'https://console.example')
      .set('Access-Control-Request-Method', 'POST')
      .set('Access-Control-Request-Headers', 'content-type,x-consumer-username');
    expect(res.status).toBeLessThan(300);
    expect(res.headers['access-control-allow-origin']).toBe('https://console.example');
    expect(res.headers['access-control-allow-credentials']).toBe('true');
    expect(res.headers['access-control-allow-headers']).toContain('x-consumer-username');
  });

  it('serves Swagger UI and the OpenAPI document', async () => {
    const ui = await t.http().get('/docs').expect(200);
    expect(ui.text).toContain('swagger');
    const doc = await t.http().get('/openapi.json').expect(200);
    expect(doc.body.openapi).toMatch(/^3\./);
    expect(doc.body.paths['/health']).toBeDefined();
  });
});

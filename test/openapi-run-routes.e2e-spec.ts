import { createTestApp, TestApp } from './helpers/test-app';

// /openapi.json documents the run routes (chat, debug chat, resume, node debug): request bodies
// with their limits, the consumer header, both media types and the error-code lists.

interface Schema {
  $ref?: string;
  type?: string;
  properties?: Record<string, Schema & { maxLength?: number; enum?: string[] }>;
  items?: Schema;
  required?: string[];
}
interface Operation {
  parameters?: { name: string; in: string; required?: boolean }[];
  requestBody: { content: Record<string, { schema: Schema }> };
  responses: Record<string, { content: Record<string, { examples: Record<string, unknown> }> }>;
  summary?: string;
  'x-error-codes': { code: number; message: string }[];
  'x-stream-error-codes'?: { code: number; message: string }[];
}
interface OpenApi {
  paths: Record<string, { post: Operation }>;
  components: { schemas: Record<string, Schema> };
}

const codes = (list: { code: number }[]) => list.map((e) => e.code);

describe('OpenAPI document of the run routes', () => {
  let t: TestApp;
  let doc: OpenApi;

  beforeAll(async () => {
    t = await createTestApp();
    doc = (await t.http().get('/openapi.json').expect(200)).body as OpenApi;
  });
  afterAll(() => t.close());

  const schemaOf = (op: Operation): Schema => {
    const ref = op.requestBody.content['application/json'].schema.$ref ?? '';
    return doc.components.schemas[ref.replace('#/components/schemas/', '')];
  };
  const resolve = (schema: Schema | undefined): Schema =>
    doc.components.schemas[(schema?.$ref ?? schema?.items?.$ref ?? '').split('/').pop() ?? ''];

  it.each(['/workflow/v1/chat/completions', '/workflow/v1/debug/chat/completions'])(
    'documents %s with body, header, media types and codes',
    (path) => {
      const op = doc.paths[path].post;
      expect(op.summary).toBeTruthy();
      expect(op.parameters).toContainEqual(
        expect.objectContaining({ name: 'X-Consumer-Username', in: 'header', required: true }),
      );
      const body = schemaOf(op);
      expect(body.required).toEqual(expect.arrayContaining(['flow_id', 'parameters']));
      expect(body.properties?.uid.maxLength).toBe(40);
      expect(body.properties?.chat_id.maxLength).toBe(128);
      const history = resolve(body.properties?.history);
      expect(history.properties?.role.enum).toEqual(['user', 'assistant']);
      expect(history.properties?.content_type.enum).toEqual(['text', 'image', 'audio']);

      const content = op.responses['200'].content;
      expect(Object.keys(content).sort()).toEqual(['application/json', 'text/event-stream']);
      const json = content['application/json'].examples;
      expect(json['error 20201']).toMatchObject({
        value: { code: 20201, event_data: null, workflow_step: { node: null } },
      });
      expect(json['error 460']).toMatchObject({
        value: { code: 460, created: expect.any(Number) },
      });
      expect(JSON.stringify(content['text/event-stream'].examples)).toContain('data: {');

      expect(codes(op['x-error-codes'])).toEqual([
        460, 20201, 20004, 20005, 20204, 20001, 20002, 20805,
      ]);
      expect(codes(op['x-stream-error-codes'] ?? [])).toEqual(
        expect.arrayContaining([22100, 23602, 21102, 22302, 20804]),
      );
    },
  );

  it.each(['/workflow/v1/resume', '/workflow/v1/debug/resume'])(
    'documents %s with its body and codes',
    (path) => {
      const op = doc.paths[path].post;
      const body = schemaOf(op);
      expect(body.required).toEqual(expect.arrayContaining(['event_id', 'content']));
      expect(body.properties?.event_type).toMatchObject({ default: 'resume' });
      expect(Object.keys(op.responses['200'].content)).toContain('text/event-stream');
      expect(codes(op['x-error-codes']).slice(0, 2)).toEqual([460, 23900]);
      expect(codes(op['x-stream-error-codes'] ?? [])).toEqual(
        expect.arrayContaining([23900, 20804, 23802]),
      );
    },
  );

  // /sparkflow/v1/node/debug is served but documented only on the canonical route
  it.each(['/workflow/v1/node/debug'])('documents %s with the nested DSL and its codes', (path) => {
    const op = doc.paths[path].post;
    const body = schemaOf(op);
    expect(body.required).toEqual(expect.arrayContaining(['id', 'name', 'data']));
    const dsl = resolve(body.properties?.data);
    expect(dsl.required).toEqual(['nodes', 'edges']);
    const node = resolve(dsl.properties?.nodes);
    expect(node.properties?.id).toMatchObject({ pattern: '^.*::[0-9a-zA-Z-]+' });
    const edge = resolve(dsl.properties?.edges);
    expect(edge.properties?.sourceHandle).toMatchObject({ default: '' });
    const examples = op.responses['200'].content['application/json'].examples;
    expect(examples.success).toMatchObject({ value: { data: { node_id: 'text-joiner::j1' } } });
    expect(codes(op['x-error-codes'])).toEqual(expect.arrayContaining([460, 22100, 21700]));
  });
});

import { compilePluginParams } from './plugin-params';
import { gatewayCodeEntry } from './gateway-codes';
import { toolOperations } from './openapi-operations';
import {
  assembleBody,
  assembleParameters,
  assembleRequest,
  businessInputs,
  encodePart,
} from './request-parts';

describe('plugin request assembly', () => {
  it('finds business inputs breadth-first; the last match visited wins', () => {
    const inputs = {
      a: { token: 'deep', x: [{ token: 'deeper' }] },
      token: 'top',
      list: [{ uid: 'u1' }, { uid: 'u2' }],
    };
    // `token` at the top is found first and then overwritten by `a.token` (visited later);
    // `a.x` is never queued because the walk of `a` stopped at its match
    expect(businessInputs(inputs, ['token', 'uid', 'none'])).toEqual({
      token: 'deep',
      uid: 'u2',
    });
    // a match stops the walk of that object: later siblings are not queued
    expect(businessInputs({ k: 1, later: { k: 2 } }, ['k'])).toEqual({ k: 1 });
  });

  it('fills header/query/path from inputs, x-from 1 from business inputs, else defaults', () => {
    const operation = {
      parameters: [
        { name: 'h', in: 'header', schema: { type: 'string', 'x-from': 1, default: 'dh' } },
        { name: 'q', in: 'query', schema: { type: 'string' } },
        { name: 'q2', in: 'query', schema: { type: 'integer', default: 5 } },
        { name: 'id', in: 'path', schema: { type: 'string', 'x-from': 0 } },
        { name: 'c', in: 'cookie', schema: { type: 'string' } },
      ],
    };
    expect(assembleParameters(operation, { q: 'v', id: null, h: 'ignored' }, {})).toEqual({
      header: { h: 'dh' },
      query: { q: 'v', q2: 5 },
      path: { id: null },
    });
    expect(assembleParameters(operation, {}, { h: 'biz' }).header).toEqual({ h: 'biz' });
  });

  it('builds the body recursively, dropping properties without value or default', () => {
    const schema = {
      type: 'object',
      properties: {
        name: { type: 'string' },
        size: { type: 'integer', default: 10 },
        gone: { type: 'string' },
        user: {
          type: 'object',
          properties: { uid: { type: 'string', 'x-from': 1 }, tag: { type: 'string' } },
        },
        empty: { type: 'object', properties: { z: { type: 'string' } } },
      },
    };
    expect(
      assembleBody(schema, { name: 'n', user: { tag: 't' }, empty: 'x' }, { uid: 'b' }),
    ).toEqual({ name: 'n', size: 10, user: { uid: 'b', tag: 't' }, empty: {} });
  });

  it('assembles a whole operation with business inputs from nested inputs', () => {
    const operation = {
      parameters: [{ name: 'uid', in: 'query', schema: { 'x-from': 1 } }],
      requestBody: {
        content: { 'application/json': { schema: { properties: { q: { type: 'string' } } } } },
      },
    };
    expect(assembleRequest(operation, { q: 'x', meta: { uid: 'u' } }, ['uid'])).toEqual({
      header: {},
      query: { uid: 'u' },
      path: {},
      body: { q: 'x' },
    });
  });

  it('encodes parts as base64 of ASCII-only JSON, nothing for an empty part', () => {
    expect(encodePart({})).toBeUndefined();
    const encoded = encodePart({ city: '北京', e: 'é' })!;
    const json = Buffer.from(encoded, 'base64').toString('ascii');
    expect(json).toBe('{"city":"\\u5317\\u4eac","e":"\\u00e9"}');
    expect(JSON.parse(json)).toEqual({ city: '北京', e: 'é' });
  });

  it('flattens tool schemas to operations; a tool without id is 21808', () => {
    const doc = {
      paths: {
        '/a': { get: { operationId: 'opA' }, post: { operationId: 'opB' }, parameters: [] },
      },
    };
    expect(
      toolOperations([{ id: 't1', schema: JSON.stringify(doc) }]).map((o) => o.operationId),
    ).toEqual(['opA', 'opB']);
    expect(() => toolOperations([{ schema: '{}' }])).toThrow(
      expect.objectContaining({ code: 21808 }),
    );
    expect(() => toolOperations([{ id: 't', schema: '{oops' }])).toThrow(
      expect.objectContaining({ code: 23400 }),
    );
  });

  it('maps gateway codes; unknown codes are 21800', () => {
    expect(gatewayCodeEntry(30500).code).toBe(21808);
    expect(gatewayCodeEntry(30403).code).toBe(21812);
    expect(gatewayCodeEntry(12345).code).toBe(21800);
    expect(gatewayCodeEntry('30500').code).toBe(21800);
  });
});

describe('plugin nodeParam', () => {
  const def = (nodeParam: Record<string, unknown>) =>
    ({ id: 'plugin::p', nodeParam }) as unknown as Parameters<typeof compilePluginParams>[0];

  it('requires pluginId, operationId and appId; version defaults to V1.0', () => {
    expect(compilePluginParams(def({ pluginId: 't', operationId: 'o', appId: 'a' }))).toEqual({
      pluginId: 't',
      operationId: 'o',
      appId: 'a',
      version: 'V1.0',
      businessInput: [],
    });
    expect(() => compilePluginParams(def({ pluginId: '', operationId: 'o', appId: 'a' }))).toThrow(
      /nodeParam.pluginId/,
    );
    expect(() => compilePluginParams(def({ pluginId: 't', appId: 'a' }))).toThrow(
      /nodeParam.operationId: field required/,
    );
    expect(() =>
      compilePluginParams(def({ pluginId: 't', operationId: 'o', appId: 'a', businessInput: [1] })),
    ).toThrow(/businessInput/);
  });
});

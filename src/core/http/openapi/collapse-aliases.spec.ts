import type { OpenAPIObject } from '@nestjs/swagger';
import { collapseAliases } from './collapse-aliases';

const op = (operationId: string, description?: string) => ({
  operationId,
  ...(description ? { description } : {}),
  responses: {},
});

function document(paths: OpenAPIObject['paths']): OpenAPIObject {
  return { openapi: '3.0.0', info: { title: 't', version: '1' }, paths };
}

describe('collapseAliases', () => {
  it('keeps the first path of a handler and lists the others in its description', () => {
    const doc = document({
      '/workflow/v1/x': { post: op('C_x[0]', 'Does x.') },
      '/sparkflow/v1/x': { post: op('C_x[1]', 'Does x.') },
      '/v1/x': { post: op('C_x[2]', 'Does x.') },
    });
    collapseAliases(doc);
    expect(Object.keys(doc.paths)).toEqual(['/workflow/v1/x']);
    expect(doc.paths['/workflow/v1/x'].post).toEqual({
      operationId: 'C_x',
      description: 'Does x.\n\nAlso served at `POST /sparkflow/v1/x`, `POST /v1/x`.',
      responses: {},
    });
  });

  it('orders by the registration index, not by the document order', () => {
    const doc = document({
      '/b': { get: op('C_y[1]') },
      '/a': { get: op('C_y[0]') },
    });
    collapseAliases(doc);
    expect(doc.paths).toEqual({
      '/a': { get: { operationId: 'C_y', description: 'Also served at `GET /b`.', responses: {} } },
    });
  });

  it('leaves single routes and the other methods of a shared path alone', () => {
    const doc = document({
      '/one': { get: op('C_one') },
      '/shared': { get: op('C_z[1]'), delete: op('C_other') },
      '/z': { get: op('C_z[0]') },
    });
    collapseAliases(doc);
    expect(doc.paths['/one'].get?.operationId).toBe('C_one');
    expect(doc.paths['/shared']).toEqual({ delete: op('C_other') });
    expect(doc.paths['/z'].get?.operationId).toBe('C_z');
  });
});

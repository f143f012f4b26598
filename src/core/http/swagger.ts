import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { API_TAG_DESCRIPTIONS } from './openapi/api-tags';
import { collapseAliases } from './openapi/collapse-aliases';
import { applyRequestExamples, DEMO_NOTE } from './openapi/request-examples';

/** Swagger UI at /docs (assets served by the app, offline) and the document at /openapi.json. */
export function setupSwagger(app: INestApplication): void {
  const builder = new DocumentBuilder()
    .setTitle('Astron Workflow')
    .setDescription(
      'Workflow execution service, wire-compatible with the astron-agent workflow service. ' +
        'Business errors answer HTTP 200 with a non-zero `code` (see the README error table). ' +
        DEMO_NOTE,
    )
    .setVersion('1.0')
    .addApiKey({ type: 'apiKey', in: 'header', name: 'X-Consumer-Username' }, 'consumer')
    .addBearerAuth({ type: 'http', scheme: 'bearer' }, 'admin');
  for (const [name, description] of API_TAG_DESCRIPTIONS) builder.addTag(name, description);
  const document = SwaggerModule.createDocument(app, builder.build());
  collapseAliases(document);
  applyRequestExamples(document);
  SwaggerModule.setup('docs', app, document, {
    jsonDocumentUrl: 'openapi.json',
    yamlDocumentUrl: 'openapi.yaml',
  });
}

import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';

/** Swagger UI at /docs (assets served by the app, offline) and the document at /openapi.json. */
export function setupSwagger(app: INestApplication): void {
  const config = new DocumentBuilder()
    .setTitle('Astron Workflow')
    .setDescription(
      'Workflow execution service, wire-compatible with the astron-agent workflow service. ' +
        'Business errors answer HTTP 200 with a non-zero `code` (see the README error table).',
    )
    .setVersion('1.0')
    .addApiKey({ type: 'apiKey', in: 'header', name: 'X-Consumer-Username' }, 'consumer')
    .addBearerAuth({ type: 'http', scheme: 'bearer' }, 'admin')
    .build();
  const document = SwaggerModule.createDocument(app, config);
  SwaggerModule.setup('docs', app, document, {
    jsonDocumentUrl: 'openapi.json',
    yamlDocumentUrl: 'openapi.yaml',
  });
}

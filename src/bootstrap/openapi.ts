import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { FieldErrorDto } from '../common/errors/error-response.dto';
import { API_KEY_HEADER, API_KEY_SECURITY_SCHEME } from '../common/auth/principal';
import { APP_VERSION } from '../root/app-info';
import {
  addValidationErrorResponses,
  applyInferredSuccessResponses,
  markPublicOperations,
} from './openapi-responses';
import { documentValidationRules } from './openapi-validation-rules';

const TAGS: [string, string][] = [
  ['platform', 'API information'],
  ['health', 'Liveness and readiness probes'],
  ['users', 'Users of the platform'],
  ['api-keys', 'API keys (admin)'],
  ['tasks', 'Background tasks: persisted state of queued jobs'],
  ['queues', 'BullMQ queues'],
  ['inference', 'ONNX models served by this process'],
  ['predictions', 'Vehicle quality predictions'],
  ['jobs', 'Generative 3D jobs: catalogue, uploads, jobs, artifacts'],
  ['storage', 'Signed upload and download URLs of the local storage driver'],
  ['legacy', 'Routes of the replaced services, kept for existing frontends (deprecated)'],
];

/** Builds the OpenAPI document from the code; the Swagger CLI plugin's metadata is loaded first. */
export async function buildOpenApiDocument(app: INestApplication): Promise<OpenAPIObject> {
  const metadata = (await import('../metadata')).default;
  await SwaggerModule.loadPluginMetadata(metadata);
  await applyInferredSuccessResponses(metadata);
  documentValidationRules();
  const builder = new DocumentBuilder()
    .setTitle('ML platform API')
    .setDescription(
      'One backend for five machine-learning products. Authenticate with an API key in the `x-api-key` header; ' +
        'every error has the shape {statusCode, error, message, details?, requestId}.',
    )
    .setVersion(APP_VERSION)
    .addServer('/', 'The server that serves this document')
    .addApiKey(
      { type: 'apiKey', in: 'header', name: API_KEY_HEADER, description: 'Your API key' },
      API_KEY_SECURITY_SCHEME,
    );
  for (const [name, description] of TAGS) builder.addTag(name, description);
  const document = SwaggerModule.createDocument(app, builder.build(), {
    extraModels: [FieldErrorDto],
    operationIdFactory: (controller, method) =>
      `${controller.replace(/Controller$/, '')}_${method}`,
  });
  addValidationErrorResponses(document);
  markPublicOperations(document);
  return document;
}

export function mountSwaggerUi(app: INestApplication, document: OpenAPIObject): void {
  SwaggerModule.setup('docs', app, document, {
    jsonDocumentUrl: 'docs-json',
    customSiteTitle: 'ML platform API',
    swaggerOptions: { persistAuthorization: true },
  });
}

import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppModule } from '../src/app.module';
import { buildOpenApiDocument } from '../src/bootstrap/openapi';
import { AppConfig, validateEnvironment } from '../src/config';
import { serializeOpenApi } from '../src/bootstrap/openapi-serializer';

/**
 * Writes openapi.json from the code without touching any database or Redis: Nest's preview mode builds the
 * module graph and route metadata but instantiates no provider. Run: npm run openapi:export
 */
async function main(): Promise<void> {
  const config = new AppConfig(
    validateEnvironment({
      DATABASE_URL: 'postgresql://preview@127.0.0.1:1/preview',
      PUBLIC_URL: 'http://localhost:3000',
    }),
    'api',
  );
  const app = await NestFactory.create(AppModule.forRole(config), { preview: true, logger: false });
  const document = await buildOpenApiDocument(app);
  const target = join(process.argv[2] ?? process.cwd(), 'openapi.json');
  writeFileSync(target, serializeOpenApi(document));
  process.stdout.write(`wrote ${target} (${Object.keys(document.paths).length} paths)\n`);
  await app.close();
}

main().catch((error: unknown) => {
  process.stderr.write(`error: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});

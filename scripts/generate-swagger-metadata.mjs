// Writes src/metadata.ts: what the @nestjs/swagger CLI plugin infers from DTOs (.dto.ts) and controllers
// (types, optionality, class-validator rules, JSDoc descriptions and @example values). The app loads it with
// SwaggerModule.loadPluginMetadata, so builds with SWC and the tests see the same document.
// Run after changing a DTO or controller: npm run openapi:metadata
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const {
  PluginMetadataGenerator,
} = require('@nestjs/cli/lib/compiler/plugins/plugin-metadata-generator');
const { ReadonlyVisitor } = require('@nestjs/swagger/plugin');

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);
const outputDir = process.argv[2] ?? join(root, 'src');

new PluginMetadataGenerator().generate({
  visitors: [
    new ReadonlyVisitor({
      pathToSource: join(root, 'src'),
      introspectComments: true,
      classValidatorShim: true,
      dtoFileNameSuffix: ['.dto.ts'],
      controllerFileNameSuffix: ['.controller.ts'],
    }),
  ],
  outputDir,
  filename: 'metadata.ts',
  tsconfigPath: 'tsconfig.build.json',
  printDiagnostics: false,
});

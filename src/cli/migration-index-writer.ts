import { Injectable } from '@nestjs/common';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Regenerates migrations/index.ts from the Migration*.ts files, in name (= time) order. */
@Injectable()
export class MigrationIndexWriter {
  write(folder = join(process.cwd(), 'migrations')): void {
    const names = readdirSync(folder)
      .filter((file) => /^Migration\d+.*\.ts$/.test(file))
      .map((file) => file.replace(/\.ts$/, ''))
      .sort();
    const lines = [
      "import type { MigrationObject } from '@mikro-orm/core';",
      ...names.map((name) => `import { ${name} } from './${name}';`),
      '',
      '/** Every migration in order. `cli migrate create` writes a new file here and adds it to this list. */',
      'export const migrationsList: MigrationObject[] = [',
      ...names.map((name) => `  { name: '${name}', class: ${name} },`),
      '];',
      '',
    ];
    writeFileSync(join(folder, 'index.ts'), lines.join('\n'));
  }
}

import type { INestApplicationContext } from '@nestjs/common';
import { ConfigValidationError } from '../config';

/** Starts a process role; a configuration problem or a failed start prints one clear message and exits non-zero. */
export function runEntryPoint(start: () => Promise<INestApplicationContext>): void {
  start().catch((error: unknown) => {
    if (error instanceof ConfigValidationError) {
      console.error(error.message);
    } else {
      console.error(
        `Start-up failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
      );
    }
    process.exit(1);
  });
}

import { Injectable, Logger } from '@nestjs/common';
import { existsSync } from 'node:fs';
import { AppConfig } from '../../config';
import {
  readClassThresholdFile,
  thresholdsByClass,
  unknownClassEntries,
  type ClassThresholdFile,
} from './class-threshold-file';

/**
 * Per-class score thresholds of the tool detector, read once from the thresholds file
 * (TOOLS_CLASS_THRESHOLDS_FILE, relative to MODELS_DIR). A class the file does not list gets its
 * default. Without a file every class passes at the request's confidence; a malformed file fails the boot.
 */
@Injectable()
export class ToolClassThresholds {
  private readonly logger = new Logger(ToolClassThresholds.name);
  private readonly file: ClassThresholdFile | null;
  private readonly byClassNames = new Map<string, Record<string, number>>();

  constructor(config: AppConfig) {
    const path = config.toolDetector.classThresholdsFile;
    if (existsSync(path)) {
      this.file = readClassThresholdFile(path);
    } else {
      this.file = null;
      this.logger.warn(`no class thresholds file at ${path}: the request confidence alone applies`);
    }
  }

  /** Thresholds keyed by class name for a model with these classes (the request confidence is the floor). */
  forClasses(classNames: readonly string[]): Record<string, number> {
    if (this.file === null) return {};
    const key = classNames.join('\u0000');
    let thresholds = this.byClassNames.get(key);
    if (!thresholds) {
      thresholds = thresholdsByClass(this.file, classNames);
      const unknown = unknownClassEntries(this.file, classNames);
      if (unknown.length > 0) {
        this.logger.warn(
          `thresholds for classes the detector does not have: ${unknown.join(', ')}`,
        );
      }
      this.byClassNames.set(key, thresholds);
    }
    return thresholds;
  }
}

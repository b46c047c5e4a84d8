import { Injectable } from '@nestjs/common';
import { join } from 'node:path';
import { AppConfig } from '../config';
import { ObjectStorage } from '../storage/object-storage';

/** Where model bytes come from: a file under MODELS_DIR, or an object in the configured storage. */
@Injectable()
export class ModelSources {
  constructor(
    private readonly config: AppConfig,
    private readonly storage: ObjectStorage,
  ) {}

  file(relativePath: string): string {
    return join(this.config.inference.modelsDir, relativePath);
  }

  async fromStorage(key: string): Promise<Uint8Array> {
    const { body } = await this.storage.get(key);
    const chunks: Buffer[] = [];
    for await (const chunk of body) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  }
}

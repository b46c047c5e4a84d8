import { Module, type DynamicModule, type Provider } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { AppConfig } from '../config';
import { LocalObjectStorage } from './local/local-object-storage';
import { LocalStorageController } from './local/local-storage.controller';
import { LocalTransferService } from './local/local-transfer.service';
import { PresignedUrlSigner } from './local/presigned-url-signer';
import { ObjectKeys } from './object-keys';
import { ObjectStorage } from './object-storage';
import { S3ObjectStorage } from './s3/s3-object-storage';
import { StorageReadiness } from './storage-readiness';

const localDriver: Provider[] = [
  {
    provide: PresignedUrlSigner,
    useFactory: (config: AppConfig) => new PresignedUrlSigner(config.storage.local.signingSecret),
    inject: [AppConfig],
  },
  LocalObjectStorage,
  LocalTransferService,
  { provide: ObjectStorage, useExisting: LocalObjectStorage },
];

const s3Driver: Provider[] = [
  S3ObjectStorage,
  { provide: ObjectStorage, useExisting: S3ObjectStorage },
];

/**
 * Object storage: inject `ObjectStorage` (and `ObjectKeys` to name objects). STORAGE_DRIVER picks the driver:
 * `local` (files plus signed API URLs served by LocalStorageController) or `s3` (MinIO, AWS).
 */
@Module({})
export class StorageModule {
  static register(config: AppConfig): DynamicModule {
    const local = config.storage.driver === 'local';
    return {
      module: StorageModule,
      global: true,
      controllers: local && config.servesHttpApi ? [LocalStorageController] : [],
      providers: [
        ObjectKeys,
        HealthIndicatorService,
        StorageReadiness,
        ...(local ? localDriver : s3Driver),
      ],
      exports: [ObjectStorage, ObjectKeys],
    };
  }
}

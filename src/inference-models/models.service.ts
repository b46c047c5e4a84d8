import {
  ModelRegistry,
  ModelVersionConflictError,
  UnknownModelError,
  type ModelListing,
} from '@app/inference';
import {
  ConflictException,
  Injectable,
  NotFoundException,
  UnprocessableEntityException,
} from '@nestjs/common';
import type { LoadModelVersionDto } from './dto/load-model-version.dto';
import type { ModelDto } from './dto/model-listing.dto';
import { ModelSources } from './model-sources';

const toDto = (listing: ModelListing): ModelDto => ({
  name: listing.name,
  activeVersion: listing.activeVersion,
  required: listing.required,
  versions: listing.versions.map((v) => ({
    version: v.version,
    active: v.active,
    inputs: v.inputs.map((s) => ({
      name: s.name,
      elementType: s.elementType,
      shape: [...s.shape],
    })),
    outputs: v.outputs.map((s) => ({
      name: s.name,
      elementType: s.elementType,
      shape: [...s.shape],
    })),
    loadTimeMs: v.loadTimeMs,
    loadedAt: v.loadedAt,
    metadata: { ...v.metadata },
    microBatched: v.microBatched,
    ownThread: v.ownThread,
    inFlight: v.inFlight,
    stats: { ...v.stats },
  })),
});

/** The models this process serves, with their signatures and live inference counters. */
@Injectable()
export class ModelsService {
  constructor(
    private readonly registry: ModelRegistry,
    private readonly sources: ModelSources,
  ) {}

  /** Loads a version from storage at run time (warm-up included), optionally making it the active one. */
  async loadFromStorage(name: string, input: LoadModelVersionDto): Promise<ModelDto> {
    if (
      this.registry
        .list()
        .some((m) => m.name === name && m.versions.some((v) => v.version === input.version))
    ) {
      throw new ConflictException(`Model ${name} already has a loaded version ${input.version}`);
    }
    const bytes = await this.sources.fromStorage(input.storageKey);
    try {
      await this.registry.load(name, input.version, bytes, { activate: input.activate ?? false });
    } catch (error) {
      if (error instanceof ModelVersionConflictError) throw new ConflictException(error.message);
      throw new UnprocessableEntityException(
        `Not a loadable ONNX model: ${(error as Error).message}`,
      );
    }
    return this.describe(name);
  }

  /** Unloads a version once its in-flight runs finish; the active version cannot be unloaded. */
  async unload(name: string, version: string): Promise<void> {
    const listing = this.listingOf(name);
    if (!listing.versions.some((v) => v.version === version)) {
      throw new NotFoundException(`Model ${name} has no loaded version ${version}`);
    }
    if (listing.activeVersion === version) {
      throw new ConflictException(
        `${name}@${version} is the active version; activate another one first`,
      );
    }
    await this.registry.unload(name, version);
  }

  list(): ModelDto[] {
    return this.registry.list().map(toDto);
  }

  /** Switches the active version; requests in flight finish on the version they started on. */
  activate(name: string, version: string): ModelDto {
    const listing = this.listingOf(name);
    if (!listing.versions.some((v) => v.version === version)) {
      throw new NotFoundException(`Model ${name} has no loaded version ${version}`);
    }
    try {
      this.registry.activate(name, version);
    } catch (error) {
      if (error instanceof UnknownModelError) throw new NotFoundException(error.message);
      throw error;
    }
    return this.describe(name);
  }

  private listingOf(name: string): ModelListing {
    const listing = this.registry.list().find((model) => model.name === name);
    if (!listing) throw new NotFoundException(`Model ${name} is not loaded`);
    return listing;
  }

  private describe(name: string): ModelDto {
    return toDto(this.listingOf(name));
  }
}

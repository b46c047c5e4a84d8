import { ModelRegistry, UnknownModelError, type ModelListing } from '@app/inference';
import { Injectable, NotFoundException } from '@nestjs/common';
import type { ModelDto } from './dto/model-listing.dto';

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
    inFlight: v.inFlight,
    stats: { ...v.stats },
  })),
});

/** The models this process serves, with their signatures and live inference counters. */
@Injectable()
export class ModelsService {
  constructor(private readonly registry: ModelRegistry) {}

  list(): ModelDto[] {
    return this.registry.list().map(toDto);
  }

  /** Switches the active version; requests in flight finish on the version they started on. */
  activate(name: string, version: string): ModelDto {
    const listing = this.registry.list().find((model) => model.name === name);
    if (!listing) throw new NotFoundException(`Model ${name} is not loaded`);
    if (!listing.versions.some((v) => v.version === version)) {
      throw new NotFoundException(`Model ${name} has no loaded version ${version}`);
    }
    try {
      this.registry.activate(name, version);
    } catch (error) {
      if (error instanceof UnknownModelError) throw new NotFoundException(error.message);
      throw error;
    }
    return toDto(this.registry.list().find((model) => model.name === name) as ModelListing);
  }
}

import { BadRequestException, Injectable } from '@nestjs/common';
import { AppConfig } from '../config';
import {
  ToolkitAnalysisService,
  type ImageAnalysis,
  type ImageInput,
  type ImageOutcome,
} from './analysis/toolkit-analysis.service';
import type { ToolkitSnapshot } from './analysis/toolkit-snapshot';
import { ToolkitSnapshots } from './analysis/toolkit-snapshots';
import type { DetectionFieldsDto } from './dto/detection.dto';
import { bytesOf, type UploadedToolFile } from './uploads/uploaded-tool-file';
import { readZipImages } from './uploads/zip-images';

export interface CheckedImages {
  toolkit: ToolkitSnapshot;
  outcomes: ImageOutcome[];
}

const required = (field: string, what: string): BadRequestException =>
  new BadRequestException(`${field} is required: send ${what} as the multipart field "${field}"`);

/** Toolkit checks of uploaded photos: one image, several, or a ZIP of them. */
@Injectable()
export class DetectionsService {
  constructor(
    private readonly toolkits: ToolkitSnapshots,
    private readonly analysis: ToolkitAnalysisService,
    private readonly config: AppConfig,
  ) {}

  toolkitSnapshot(reference: string): Promise<ToolkitSnapshot> {
    return this.toolkits.get(reference);
  }

  async detectOne(
    file: UploadedToolFile | undefined,
    fields: DetectionFieldsDto,
  ): Promise<{ toolkit: ToolkitSnapshot; analysis: ImageAnalysis }> {
    if (!file) throw required('image', 'the photo');
    const toolkit = await this.toolkitSnapshot(fields.toolkit_id);
    const image = await this.imageOf(file);
    return { toolkit, analysis: await this.analysis.analyse(image, toolkit, fields.confidence) };
  }

  async detectMany(
    files: UploadedToolFile[] | undefined,
    fields: DetectionFieldsDto,
  ): Promise<CheckedImages> {
    if (!files?.length) throw required('images', 'one or more photos');
    const toolkit = await this.toolkitSnapshot(fields.toolkit_id);
    const outcomes = await this.analysis.analyseEach(
      this.imagesOf(files),
      toolkit,
      fields.confidence,
    );
    return { toolkit, outcomes };
  }

  async detectZip(
    file: UploadedToolFile | undefined,
    fields: DetectionFieldsDto,
  ): Promise<CheckedImages> {
    if (!file) throw required('zip_file', 'the ZIP archive');
    const toolkit = await this.toolkitSnapshot(fields.toolkit_id);
    const limits = this.config.tools;
    const entries = readZipImages(file.buffer ?? file.path, {
      maxEntries: limits.zipMaxEntries,
      maxUncompressedBytes: limits.zipMaxUncompressedBytes,
      maxEntryBytes: limits.maxImageBytes,
    });
    return {
      toolkit,
      outcomes: await this.analysis.analyseEach(entries, toolkit, fields.confidence),
    };
  }

  /** Read one at a time, so a batch holds one image in memory besides the one being analysed. */
  private async *imagesOf(files: UploadedToolFile[]): AsyncGenerator<ImageInput> {
    for (const file of files) yield await this.imageOf(file);
  }

  private async imageOf(file: UploadedToolFile): Promise<ImageInput> {
    return {
      filename: file.originalname || 'image',
      bytes: await bytesOf(file),
      sha256: file.sha256,
    };
  }
}

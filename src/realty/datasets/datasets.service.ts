import { EntityManager } from '@mikro-orm/postgresql';
import {
  BadRequestException,
  Injectable,
  NotFoundException,
  PayloadTooLargeException,
  UnprocessableEntityException,
} from '@nestjs/common';
import { paginate, type PageRequest } from '../../common/pagination/paginate';
import type { Page } from '../../common/pagination/page.dto';
import { AppConfig } from '../../config';
import { RealtyDataset, type DatasetOrigin } from '../entities/realty-dataset.entity';
import { readDatasetCsv, TooManyRowsProblem } from './dataset-csv-reader';
import { DatasetStore } from './dataset-store';
import {
  buildTable,
  columnStats,
  DatasetProblem,
  type DatasetTable,
  type RawRow,
} from './dataset-table';

/** The part of a multer upload a dataset reads. */
export interface UploadedDatasetFile {
  buffer: Buffer;
  originalname: string;
  size: number;
}

export interface NewDataset {
  name: string;
  origin: DatasetOrigin;
  target?: string;
  defaultFeatures?: string[];
  ownerId?: string | null;
}

/** Datasets: parsed and typed once on upload, stored, listed and inspected. */
@Injectable()
export class DatasetsService {
  constructor(
    private readonly em: EntityManager,
    private readonly store: DatasetStore,
    private readonly config: AppConfig,
  ) {}

  async createFromCsv(
    file: UploadedDatasetFile | undefined,
    fields: { name?: string; target?: string },
    ownerId: string,
  ): Promise<RealtyDataset> {
    if (!file)
      throw new BadRequestException('file is required: send the CSV as the multipart field "file"');
    if (file.size === 0) throw new BadRequestException('file is empty');
    const rows = await this.parse(() => readDatasetCsv(file.buffer, this.config.realty.maxRows));
    const name = fields.name ?? (file.originalname.replace(/\.csv$/i, '') || 'dataset');
    return this.createFromRows(rows, { name, origin: 'csv', target: fields.target, ownerId });
  }

  async createFromRows(rows: RawRow[], options: NewDataset): Promise<RealtyDataset> {
    if (options.origin !== 'demo' && rows.length > this.config.realty.maxRows)
      throw new PayloadTooLargeException(
        `the data has more than ${this.config.realty.maxRows} rows (REALTY_MAX_ROWS)`,
      );
    const table = await this.parse(async () => buildTable(rows, options.target));
    const missing = (options.defaultFeatures ?? []).filter(
      (name) => !table.columns.some((column) => column.name === name),
    );
    if (missing.length > 0)
      throw new BadRequestException(`default features not in the data: ${missing.join(', ')}`);
    const stored = await this.store.save(table);
    const dataset = this.em.create(RealtyDataset, {
      name: options.name.slice(0, 200),
      origin: options.origin,
      target: table.target,
      rowCount: table.rowCount,
      columns: columnStats(table),
      defaultFeatures: options.defaultFeatures ?? null,
      contentHash: stored.contentHash,
      storageKey: stored.key,
      owner: options.ownerId ?? null,
    });
    await this.em.flush();
    return dataset;
  }

  list(page: PageRequest): Promise<Page<RealtyDataset>> {
    return paginate(this.em, RealtyDataset, {}, page, { orderBy: [{ createdAt: 'desc' }] });
  }

  async get(id: string): Promise<RealtyDataset> {
    const dataset = await this.em.findOne(RealtyDataset, { id });
    if (!dataset) throw new NotFoundException(`Dataset ${id} not found`);
    return dataset;
  }

  /** The seeded demo dataset (the newest, should there be several). */
  findDemo(): Promise<RealtyDataset | null> {
    return this.em.findOne(RealtyDataset, { origin: 'demo' }, { orderBy: [{ createdAt: 'desc' }] });
  }

  table(dataset: RealtyDataset): Promise<DatasetTable> {
    return this.store.load(dataset.storageKey);
  }

  /** Data problems become 4xx: too many rows 413, a bad cell 422 naming row and column, anything else 400. */
  private async parse<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (error instanceof TooManyRowsProblem) throw new PayloadTooLargeException(error.message);
      if (!(error instanceof DatasetProblem)) throw error;
      if (error.row === undefined) throw new BadRequestException(error.message);
      throw new UnprocessableEntityException({
        message: error.message,
        details: [{ field: `rows.${error.row}.${error.column}`, messages: [error.message] }],
      });
    }
  }
}

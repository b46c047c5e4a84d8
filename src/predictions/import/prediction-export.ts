import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { stringify } from 'csv-stringify/sync';
import { Readable } from 'node:stream';
import type { PredictionFilterDto } from '../dto/prediction-query.dto';
import { Prediction } from '../entities/prediction.entity';
import { predictionQuery } from '../prediction-filter';
import { EXPORT_COLUMNS, exportCells } from './prediction-csv';

const PAGE = 2000;

/** Streams the predictions matching a filter as CSV, page by page (memory stays flat for any size). */
@Injectable()
export class PredictionExport {
  constructor(private readonly em: EntityManager) {}

  stream(filter: PredictionFilterDto): Readable {
    const em = this.em.fork();
    const { where, orderBy } = predictionQuery(filter);
    async function* lines(): AsyncGenerator<string> {
      yield stringify([EXPORT_COLUMNS as unknown as string[]]);
      for (let offset = 0; ; offset += PAGE) {
        const page = await em.find(Prediction, where, { orderBy, offset, limit: PAGE });
        if (page.length > 0) yield stringify(page.map(exportCells));
        em.clear();
        if (page.length < PAGE) return;
      }
    }
    return Readable.from(lines());
  }
}

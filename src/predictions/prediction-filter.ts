import type { FilterQuery } from '@mikro-orm/core';
import type { SortKey } from '../common/pagination/paginate';
import type { PredictionFilterDto } from './dto/prediction-query.dto';
import type { Prediction } from './entities/prediction.entity';

/** The WHERE and ORDER BY of a prediction list or export (id breaks ties so paging is stable). */
export function predictionQuery(filter: PredictionFilterDto): {
  where: FilterQuery<Prediction>;
  orderBy: SortKey<Prediction>[];
} {
  const where: FilterQuery<Prediction> & Record<string, unknown> = {};
  if (filter.knr) where.knr = filter.knr;
  if (filter.dateFrom || filter.dateTo) {
    where.date = {
      ...(filter.dateFrom ? { $gte: filter.dateFrom } : {}),
      ...(filter.dateTo ? { $lt: filter.dateTo } : {}),
    };
  }
  if (filter.predictionResult !== undefined) where.predictionResult = filter.predictionResult;
  if (filter.hasRealResult !== undefined)
    where.realResult = filter.hasRealResult ? { $ne: null } : null;
  if (filter.modelVersion) where.modelVersion = filter.modelVersion;
  const order = filter.order ?? 'desc';
  return { where, orderBy: [{ [filter.sort ?? 'createdAt']: order }, { id: order }] };
}

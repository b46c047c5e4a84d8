import { EntityManager, raw } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { metricsFromConfusion } from '@app/inference';
import type { QualityDto, QualityQueryDto } from './dto/quality.dto';
import { Prediction } from './entities/prediction.entity';

/** Live quality of the model: its verdicts against the real inspection results, counted in SQL. */
@Injectable()
export class PredictionQualityService {
  constructor(private readonly em: EntityManager) {}

  async measure(filter: QualityQueryDto): Promise<QualityDto> {
    const qb = this.em
      .createQueryBuilder(Prediction, 'p')
      .select([
        raw('count(*) filter (where p.prediction_result = 1 and p.real_result = 1) as tp'),
        raw('count(*) filter (where p.prediction_result = 1 and p.real_result = 0) as fp'),
        raw('count(*) filter (where p.prediction_result = 0 and p.real_result = 0) as tn'),
        raw('count(*) filter (where p.prediction_result = 0 and p.real_result = 1) as fn'),
      ])
      .where({ realResult: { $ne: null } });
    if (filter.modelVersion) qb.andWhere({ modelVersion: filter.modelVersion });
    if (filter.dateFrom) qb.andWhere({ date: { $gte: filter.dateFrom } });
    if (filter.dateTo) qb.andWhere({ date: { $lt: filter.dateTo } });
    const row = (await qb.execute('get')) as unknown as Record<'tp' | 'fp' | 'tn' | 'fn', string>;
    const confusionMatrix = {
      truePositive: Number(row.tp),
      falsePositive: Number(row.fp),
      trueNegative: Number(row.tn),
      falseNegative: Number(row.fn),
    };
    const { count, accuracy, precision, recall, f1 } = metricsFromConfusion(confusionMatrix);
    return { count, accuracy, precision, recall, f1, confusionMatrix };
  }
}

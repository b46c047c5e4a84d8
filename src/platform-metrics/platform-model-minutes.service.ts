import type { FilterQuery } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import type { Page } from '../common/pagination/page.dto';
import { paginate } from '../common/pagination/paginate';
import type { ModelMinuteQueryDto } from './dto/model-minute-query.dto';
import { PlatformModelMinute } from './platform-model-minute.entity';

/** Reads the recorded minutes of the served models, newest first. */
@Injectable()
export class PlatformModelMinutesService {
  constructor(private readonly em: EntityManager) {}

  list(query: ModelMinuteQueryDto): Promise<Page<PlatformModelMinute>> {
    const where: FilterQuery<PlatformModelMinute> = {};
    if (query.model) where.model = query.model;
    if (query.version) where.version = query.version;
    if (query.from || query.to)
      where.minute = {
        ...(query.from ? { $gte: query.from } : {}),
        ...(query.to ? { $lt: query.to } : {}),
      };
    return paginate(this.em, PlatformModelMinute, where, query, {
      orderBy: [{ minute: 'desc' }, { model: 'asc' }, { version: 'asc' }],
    });
  }
}

import { Controller, Get } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Auth } from '../../common/auth/auth.decorators';
import { CatalogModelDto } from '../dto/catalog-model.dto';
import { AiModel } from '../entities/ai-model.entity';

@ApiTags('jobs')
@Auth()
@Controller('api/v1/models')
export class CatalogController {
  constructor(private readonly em: EntityManager) {}

  @Get()
  @ApiOperation({
    summary: 'The enabled generative 3D models with their default parameters and parameter schema',
  })
  async list(): Promise<CatalogModelDto[]> {
    const models = await this.em.find(AiModel, { enabled: true }, { orderBy: { id: 'asc' } });
    return models.map((m) => CatalogModelDto.from(m));
  }
}

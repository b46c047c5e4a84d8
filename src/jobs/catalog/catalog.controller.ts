import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Auth } from '../../common/auth/auth.decorators';
import { CatalogModelDto } from '../dto/catalog-model.dto';
import { CatalogService } from './catalog.service';

@ApiTags('jobs')
@Auth()
@Controller('api/v1/models')
export class CatalogController {
  constructor(private readonly catalog: CatalogService) {}

  @Get()
  @ApiOperation({
    summary: 'The enabled generative 3D models with their default parameters and parameter schema',
  })
  async list(): Promise<CatalogModelDto[]> {
    return (await this.catalog.listEnabled()).map((m) => CatalogModelDto.from(m));
  }
}

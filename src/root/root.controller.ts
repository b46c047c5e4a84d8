import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '../common/auth/auth.decorators';
import { AppConfig } from '../config';
import { RootInfoDto } from './root-info.dto';
import { APP_NAME, APP_VERSION } from './app-info';

@ApiTags('platform')
@Public()
@Controller()
export class RootController {
  constructor(private readonly config: AppConfig) {}

  @Get()
  @ApiOperation({
    summary:
      'API information (also the legacy "Hello World" of the predictions and realty services)',
  })
  info(): RootInfoDto {
    return {
      message: 'Hello World',
      name: APP_NAME,
      version: APP_VERSION,
      docs: `${this.config.http.publicUrl}/docs`,
      openapi: `${this.config.http.publicUrl}/docs-json`,
    };
  }
}

import { Controller, Get, NotFoundException, Param, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '../common/auth/auth.decorators';
import { UuidParamPipe } from '../common/http/uuid-param.pipe';
import { UiAssets, uiHeaders, type UiAsset } from './ui-assets';

const send = (response: Response, asset: UiAsset): void => {
  response.set(uiHeaders(asset)).status(200).end(asset.body);
};

/**
 * The built-in dashboard page: static files, public (the page asks for an API key and sends it with its data
 * calls to /api/v1). Not part of the API, so not in the OpenAPI document.
 */
@ApiExcludeController()
@Public()
@Controller('ui')
export class DashboardsUiController {
  constructor(private readonly assets: UiAssets) {}

  @Get('dashboards')
  list(@Res() response: Response): void {
    send(response, this.assets.page('dashboards.html'));
  }

  @Get('dashboards/:id')
  dashboard(@Param('id', UuidParamPipe) _id: string, @Res() response: Response): void {
    send(response, this.assets.page('dashboard.html'));
  }

  @Get('assets/:file')
  asset(@Param('file') file: string, @Res() response: Response): void {
    const asset = this.assets.asset(file);
    if (!asset) throw new NotFoundException(`No UI asset named ${file}`);
    send(response, asset);
  }

  @Get('vendor/chart.umd.js')
  chartJs(@Res() response: Response): void {
    send(response, this.assets.chartJs());
  }
}

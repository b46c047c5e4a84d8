import { Module, type DynamicModule } from '@nestjs/common';
import type { AppConfig } from '../config';
import { DashboardsUiController } from './dashboards-ui.controller';
import { UiAssets } from './ui-assets';

/** The dashboard page served by the API process: /ui/dashboards and /ui/dashboards/:id. */
@Module({})
export class DashboardsUiModule {
  static register(config: AppConfig): DynamicModule {
    return {
      module: DashboardsUiModule,
      controllers: config.servesHttpApi ? [DashboardsUiController] : [],
      providers: config.servesHttpApi ? [UiAssets] : [],
    };
  }
}

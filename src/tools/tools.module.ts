import { MikroOrmModule } from '@mikro-orm/nestjs';
import { Module, type DynamicModule } from '@nestjs/common';
import type { AppConfig } from '../config';
import { ToolTransaction } from './entities/tool-transaction.entity';
import { ToolkitItem } from './entities/toolkit-item.entity';
import { Toolkit } from './entities/toolkit.entity';
import { Tool } from './entities/tool.entity';
import { DemoTechnicianSeeder } from './seed/demo-technician.seeder';
import { StandardToolkitSeeder } from './seed/standard-toolkit.seeder';
import { ToolkitItemsController } from './toolkit-items.controller';
import { ToolkitsController } from './toolkits.controller';
import { ToolkitsService } from './toolkits.service';
import { ToolsController } from './tools.controller';
import { ToolsService } from './tools.service';

/** Tool recognition: the tool catalogue, toolkits, photo checks against a toolkit, and transactions. */
@Module({})
export class ToolsModule {
  static register(config: AppConfig): DynamicModule {
    return {
      module: ToolsModule,
      imports: [MikroOrmModule.forFeature([Tool, Toolkit, ToolkitItem, ToolTransaction])],
      controllers: config.servesHttpApi
        ? [ToolsController, ToolkitsController, ToolkitItemsController]
        : [],
      providers: [ToolsService, ToolkitsService, StandardToolkitSeeder, DemoTechnicianSeeder],
    };
  }
}

import { MikroOrmModule } from '@mikro-orm/nestjs';
import { Module, type DynamicModule } from '@nestjs/common';
import type { AppConfig } from '../config';
import { ToolTransaction } from './entities/tool-transaction.entity';
import { ToolkitItem } from './entities/toolkit-item.entity';
import { Toolkit } from './entities/toolkit.entity';
import { Tool } from './entities/tool.entity';
import { DetectionCache } from './analysis/detection-cache';
import { ToolkitAnalysisService } from './analysis/toolkit-analysis.service';
import { ToolkitSnapshots } from './analysis/toolkit-snapshots';
import { ToolDetectionModule } from './detection';
import { DetectionsController } from './detections.controller';
import { DetectionsService } from './detections.service';
import { LegacyToolsController } from './legacy/legacy-tools.controller';
import { AnnotatedImages } from './media/annotated-images';
import { MediaController } from './media/media.controller';
import { DemoTechnicianSeeder } from './seed/demo-technician.seeder';
import { StandardToolkitSeeder } from './seed/standard-toolkit.seeder';
import { ToolkitItemsController } from './toolkit-items.controller';
import { ToolkitsController } from './toolkits.controller';
import { ToolkitsService } from './toolkits.service';
import { ToolsController } from './tools.controller';
import { ToolsService } from './tools.service';
import { TransactionsController } from './transactions/transactions.controller';
import { TransactionsService } from './transactions/transactions.service';

/** Tool recognition: the tool catalogue, toolkits, photo checks against a toolkit, and transactions. */
@Module({})
export class ToolsModule {
  static register(config: AppConfig): DynamicModule {
    return {
      module: ToolsModule,
      imports: [
        MikroOrmModule.forFeature([Tool, Toolkit, ToolkitItem, ToolTransaction]),
        ToolDetectionModule,
      ],
      controllers: config.servesHttpApi
        ? [
            ToolsController,
            ToolkitsController,
            ToolkitItemsController,
            DetectionsController,
            TransactionsController,
            MediaController,
            LegacyToolsController,
          ]
        : [],
      providers: [
        ToolsService,
        ToolkitsService,
        ToolkitSnapshots,
        DetectionCache,
        AnnotatedImages,
        ToolkitAnalysisService,
        DetectionsService,
        TransactionsService,
        StandardToolkitSeeder,
        DemoTechnicianSeeder,
      ],
    };
  }
}

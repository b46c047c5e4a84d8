import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { SeedStep, type SeedReport, type Seeder } from '../../seeding/seed-step.decorator';
import { ToolkitItem } from '../entities/toolkit-item.entity';
import { Toolkit } from '../entities/toolkit.entity';
import { Tool } from '../entities/tool.entity';
import { STANDARD_TOOLKIT, STANDARD_TOOLS } from './standard-toolkit';

/**
 * The 11 standard tools (created when their serial number is missing) and toolkit number 1 holding one of each
 * (created when there is no toolkit 1). A second run creates nothing; an edited toolkit 1 is left as it is.
 */
@SeedStep({
  name: 'tools',
  order: 20,
  description: 'The 11 standard tools and toolkit number 1 ("Standard technician toolkit")',
  demo: false,
})
@Injectable()
export class StandardToolkitSeeder implements Seeder {
  constructor(private readonly em: EntityManager) {}

  async run(): Promise<SeedReport> {
    let created = 0;
    const tools: Tool[] = [];
    for (const fields of STANDARD_TOOLS) {
      let tool = await this.em.findOne(Tool, { serialNumber: fields.serialNumber });
      if (!tool) {
        tool = this.em.create(Tool, { ...fields });
        created++;
      }
      tools.push(tool);
    }
    if (!(await this.em.findOne(Toolkit, { number: STANDARD_TOOLKIT.number }))) {
      const toolkit = this.em.create(Toolkit, { ...STANDARD_TOOLKIT });
      for (const tool of tools)
        toolkit.items.add(this.em.create(ToolkitItem, { toolkit, tool, quantity: 1 }));
      created++;
    }
    await this.em.flush();
    // Numbers given by hand must not be handed out again by the sequence.
    await this.em.execute(
      `select setval('toolkits_number_seq', greatest((select max("number") from "toolkits"), 1))`,
    );
    return { created, updated: 0 };
  }
}

import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import type { Page } from '../common/pagination/page.dto';
import { paginate } from '../common/pagination/paginate';
import type { CreateToolDto, ToolQueryDto, UpdateToolDto } from './dto/tool.dto';
import { ToolkitItem } from './entities/toolkit-item.entity';
import { Tool } from './entities/tool.entity';

const DUPLICATE_SERIAL = (serial: string): ConflictException =>
  new ConflictException(`A tool with serial number ${serial} already exists`);

/** The tool catalogue. */
@Injectable()
export class ToolsService {
  constructor(private readonly em: EntityManager) {}

  async create(input: CreateToolDto): Promise<Tool> {
    await this.assertSerialFree(input.serialNumber);
    const tool = this.em.create(Tool, input);
    await this.flushUnique(input.serialNumber);
    return tool;
  }

  list(query: ToolQueryDto): Promise<Page<Tool>> {
    const where = {
      ...(query.category !== undefined ? { category: query.category } : {}),
      ...(query.detectorClass !== undefined ? { detectorClass: query.detectorClass } : {}),
    };
    return paginate(this.em, Tool, where, query, { orderBy: [{ name: 'asc' }, { id: 'asc' }] });
  }

  async get(id: string): Promise<Tool> {
    const tool = await this.em.findOne(Tool, { id });
    if (!tool) throw new NotFoundException(`Tool ${id} not found`);
    return tool;
  }

  async update(id: string, changes: UpdateToolDto): Promise<Tool> {
    const tool = await this.get(id);
    if (changes.serialNumber !== undefined && changes.serialNumber !== tool.serialNumber)
      await this.assertSerialFree(changes.serialNumber);
    this.em.assign(tool, changes);
    await this.flushUnique(tool.serialNumber);
    return tool;
  }

  /** A tool still listed in a toolkit cannot be deleted (409): remove it from the toolkits first. */
  async delete(id: string): Promise<void> {
    const tool = await this.get(id);
    const uses = await this.em.count(ToolkitItem, { tool: id });
    if (uses > 0)
      throw new ConflictException(`Tool ${id} is in ${uses} toolkit(s); remove it from them first`);
    await this.em.remove(tool).flush();
  }

  private async assertSerialFree(serialNumber: string): Promise<void> {
    if ((await this.em.count(Tool, { serialNumber })) > 0) throw DUPLICATE_SERIAL(serialNumber);
  }

  /** Flushes; a concurrent insert of the same serial number is a 409 too. */
  private async flushUnique(serialNumber: string): Promise<void> {
    try {
      await this.em.flush();
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException) {
        this.em.clear();
        throw DUPLICATE_SERIAL(serialNumber);
      }
      throw error;
    }
  }
}

import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { isUuid } from '@app/database';
import type { Page } from '../common/pagination/page.dto';
import { paginate } from '../common/pagination/paginate';
import type {
  CreateToolkitDto,
  ToolkitItemInputDto,
  ToolkitQueryDto,
  UpdateToolkitDto,
} from './dto/toolkit.dto';
import { ToolTransaction } from './entities/tool-transaction.entity';
import { ToolkitItem } from './entities/toolkit-item.entity';
import { Toolkit } from './entities/toolkit.entity';
import { ToolsService } from './tools.service';

const TOOLKIT_NUMBERS = 'toolkits_number_seq';
const DUPLICATE_ITEM = (toolId: string): ConflictException =>
  new ConflictException(`Tool ${toolId} is already in this toolkit`);

/** Toolkits and their items. */
@Injectable()
export class ToolkitsService {
  constructor(
    private readonly em: EntityManager,
    private readonly tools: ToolsService,
  ) {}

  /** Creates the toolkit with the next free number, and its items, in one transaction. */
  async create(input: CreateToolkitDto): Promise<Toolkit> {
    const items = input.items ?? [];
    const seen = new Set<string>();
    for (const item of items) {
      if (seen.has(item.toolId)) throw DUPLICATE_ITEM(item.toolId);
      seen.add(item.toolId);
    }
    const tools = await Promise.all(items.map((item) => this.tools.get(item.toolId)));
    const number = await this.nextNumber();
    const toolkit = this.em.create(Toolkit, {
      number,
      name: input.name,
      description: input.description ?? '',
    });
    items.forEach((item, index) =>
      toolkit.items.add(
        this.em.create(ToolkitItem, { toolkit, tool: tools[index], quantity: item.quantity }),
      ),
    );
    await this.em.flush();
    return toolkit;
  }

  list(query: ToolkitQueryDto): Promise<Page<Toolkit>> {
    return paginate(this.em, Toolkit, {}, query, {
      orderBy: [{ number: 'asc' }],
      populate: ['items'],
    });
  }

  async get(id: string): Promise<Toolkit> {
    const toolkit = await this.em.findOne(Toolkit, { id }, { populate: ['items'] });
    if (!toolkit) throw new NotFoundException(`Toolkit ${id} not found`);
    return toolkit;
  }

  /** A toolkit by its id or by its short number (what `toolkit_id` carries). */
  async getByReference(reference: string): Promise<Toolkit> {
    const where = isUuid(reference)
      ? { id: reference.toLowerCase() }
      : /^\d{1,9}$/.test(reference)
        ? { number: Number(reference) }
        : undefined;
    const toolkit = where ? await this.em.findOne(Toolkit, where, { populate: ['items'] }) : null;
    if (!toolkit) throw new NotFoundException(`Toolkit ${reference} not found`);
    return toolkit;
  }

  async update(id: string, changes: UpdateToolkitDto): Promise<Toolkit> {
    const toolkit = await this.get(id);
    this.em.assign(toolkit, changes);
    await this.em.flush();
    return toolkit;
  }

  /** Deletes a toolkit and its items; one with recorded transactions is kept (409). */
  async delete(id: string): Promise<void> {
    const toolkit = await this.get(id);
    const transactions = await this.em.count(ToolTransaction, { toolkit: id });
    if (transactions > 0)
      throw new ConflictException(`Toolkit ${id} has ${transactions} transaction(s); it is kept`);
    await this.em.remove(toolkit).flush();
  }

  async addItem(toolkitId: string, input: ToolkitItemInputDto): Promise<ToolkitItem> {
    const toolkit = await this.get(toolkitId);
    const tool = await this.tools.get(input.toolId);
    if (toolkit.items.getItems().some((item) => item.tool.id === tool.id))
      throw DUPLICATE_ITEM(tool.id);
    const item = this.em.create(ToolkitItem, { toolkit, tool, quantity: input.quantity });
    try {
      await this.em.flush();
    } catch (error) {
      if (!(error instanceof UniqueConstraintViolationException)) throw error;
      this.em.clear();
      throw DUPLICATE_ITEM(tool.id);
    }
    return item;
  }

  async updateItem(toolkitId: string, itemId: string, quantity: number): Promise<ToolkitItem> {
    const item = await this.getItem(toolkitId, itemId);
    item.quantity = quantity;
    await this.em.flush();
    return item;
  }

  async removeItem(toolkitId: string, itemId: string): Promise<void> {
    await this.em.remove(await this.getItem(toolkitId, itemId)).flush();
  }

  private async getItem(toolkitId: string, itemId: string): Promise<ToolkitItem> {
    const item = await this.em.findOne(ToolkitItem, { id: itemId, toolkit: toolkitId });
    if (!item) throw new NotFoundException(`Item ${itemId} of toolkit ${toolkitId} not found`);
    return item;
  }

  private async nextNumber(): Promise<number> {
    const [row] = await this.em.execute<{ next: string }[]>(
      `select nextval('${TOOLKIT_NUMBERS}') as next`,
    );
    return Number(row.next);
  }
}

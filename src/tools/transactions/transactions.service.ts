import type { FilterQuery } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import {
  BadRequestException,
  HttpException,
  Injectable,
  Logger,
  NotFoundException,
} from '@nestjs/common';
import type { Principal } from '../../common/auth/principal';
import type { Page } from '../../common/pagination/page.dto';
import { paginate } from '../../common/pagination/paginate';
import { User } from '../../users/entities/user.entity';
import { ToolkitAnalysisService } from '../analysis/toolkit-analysis.service';
import { snapshotOf } from '../analysis/toolkit-snapshot';
import type { CreateTransactionFieldsDto, TransactionQueryDto } from '../dto/transaction.dto';
import { ToolTransaction, TransactionStatus } from '../entities/tool-transaction.entity';
import { ToolkitsService } from '../toolkits.service';
import { bytesOf, type UploadedToolFile } from '../uploads/uploaded-tool-file';

/** Toolkits issued and returned: each recorded with the check of its photo. */
@Injectable()
export class TransactionsService {
  private readonly logger = new Logger(TransactionsService.name);

  constructor(
    private readonly em: EntityManager,
    private readonly toolkits: ToolkitsService,
    private readonly analysis: ToolkitAnalysisService,
  ) {}

  /**
   * Records the transaction as PENDING, checks the photo, and ends it COMPLETE (everything found), INCOMPLETE
   * (something missing) or FAILED (the photo could not be analysed; the reason is kept).
   */
  async record(
    file: UploadedToolFile | undefined,
    fields: CreateTransactionFieldsDto,
    caller: Principal,
  ): Promise<ToolTransaction> {
    if (!file)
      throw new BadRequestException(
        'image is required: send the photo as the multipart field "image"',
      );
    const userId = fields.userId ?? caller.userId;
    const user = await this.em.findOne(User, { id: userId });
    if (!user) throw new NotFoundException(`User ${userId} not found`);
    const toolkit = await this.toolkits.getByReference(fields.toolkit_id);
    const transaction = this.em.create(ToolTransaction, {
      user,
      toolkit,
      type: fields.type,
      transactionTime: new Date(),
    });
    await this.em.flush();

    try {
      const image = {
        filename: file.originalname,
        bytes: await bytesOf(file),
        sha256: file.sha256,
      };
      const result = await this.analysis.analyse(image, snapshotOf(toolkit), fields.confidence);
      transaction.status = result.complete
        ? TransactionStatus.Complete
        : TransactionStatus.Incomplete;
      transaction.found = result.items;
      transaction.missing = result.missing;
      transaction.unexpected = result.unexpected;
      transaction.annotatedImageKey = result.annotatedImage;
      transaction.modelVersion = result.modelVersion;
    } catch (error) {
      this.logger.warn(`Transaction ${transaction.id}: analysis failed: ${String(error)}`);
      transaction.status = TransactionStatus.Failed;
      transaction.error =
        error instanceof HttpException ? error.message : 'The photo could not be analysed';
    }
    await this.em.flush();
    return transaction;
  }

  list(query: TransactionQueryDto): Promise<Page<ToolTransaction>> {
    const time: Record<string, Date> = {};
    if (query.from) time.$gte = query.from;
    if (query.to) time.$lt = query.to;
    const where: FilterQuery<ToolTransaction> = {
      ...(query.userId ? { user: query.userId } : {}),
      ...(query.toolkitId ? { toolkit: query.toolkitId } : {}),
      ...(query.type ? { type: query.type } : {}),
      ...(query.status ? { status: query.status } : {}),
      ...(query.from || query.to ? { transactionTime: time } : {}),
    };
    return paginate(this.em, ToolTransaction, where, query, {
      orderBy: [{ transactionTime: 'desc' }, { id: 'desc' }],
    });
  }

  async get(id: string): Promise<ToolTransaction> {
    const transaction = await this.em.findOne(ToolTransaction, { id });
    if (!transaction) throw new NotFoundException(`Transaction ${id} not found`);
    return transaction;
  }
}

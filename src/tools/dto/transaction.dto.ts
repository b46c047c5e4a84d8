import { ApiProperty, IntersectionType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDate, IsEnum, IsOptional } from 'class-validator';
import { PageQueryDto } from '../../common/pagination/page-query.dto';
import { IsStorableDate } from '../../common/validation/postgres-ranges';
import { IsRecordId } from '../../common/validation/validators';
import {
  TransactionStatus,
  TransactionType,
  type ToolTransaction,
} from '../entities/tool-transaction.entity';
import { AnnotatedImages } from '../media/annotated-images';
import {
  DetectionFieldsDto,
  ExpectedItemDto,
  MissingItemDto,
  UnexpectedClassDto,
} from './detection.dto';

const enumRule = <T extends object>(values: T, field: string): PropertyDecorator =>
  IsEnum(values, { message: `${field} must be one of ${Object.values(values).join(', ')}` });

/** The text fields of `POST /transactions` (multipart, with the photo as `image`). */
export class CreateTransactionFieldsDto extends DetectionFieldsDto {
  /** ISSUE (taken out) or RETURN (brought back). */
  @enumRule(TransactionType, 'type')
  @ApiProperty({ enum: TransactionType })
  type: TransactionType;

  /** The technician; defaults to the caller. */
  @IsRecordId()
  @IsOptional()
  userId?: string;
}

export class TransactionFilterDto {
  @IsRecordId()
  @IsOptional()
  userId?: string;

  @IsRecordId()
  @IsOptional()
  toolkitId?: string;

  @enumRule(TransactionType, 'type')
  @ApiProperty({ enum: TransactionType, required: false })
  @IsOptional()
  type?: TransactionType;

  @enumRule(TransactionStatus, 'status')
  @ApiProperty({ enum: TransactionStatus, required: false })
  @IsOptional()
  status?: TransactionStatus;

  /** At or after (ISO 8601). */
  @Type(() => Date)
  @IsStorableDate()
  @IsDate({ message: 'from must be an ISO 8601 date-time' })
  @IsOptional()
  from?: Date;

  /** Before (ISO 8601). */
  @Type(() => Date)
  @IsStorableDate()
  @IsDate({ message: 'to must be an ISO 8601 date-time' })
  @IsOptional()
  to?: Date;
}

export class TransactionQueryDto extends IntersectionType(PageQueryDto, TransactionFilterDto) {}

export class TransactionDto {
  id: string;
  userId: string;
  toolkitId: string;
  @ApiProperty({ enum: TransactionType })
  type: TransactionType;
  transactionTime: Date;
  /** COMPLETE: everything found; INCOMPLETE: something missing; FAILED: the photo could not be analysed. */
  @ApiProperty({ enum: TransactionStatus })
  status: TransactionStatus;
  /** Expected vs found per toolkit item. */
  found: ExpectedItemDto[];
  missing: MissingItemDto[];
  unexpected: UnexpectedClassDto[];
  @ApiProperty({ type: 'string', nullable: true })
  annotatedImageUrl: string | null;
  @ApiProperty({ type: 'string', nullable: true, example: '1.0.0' })
  modelVersion: string | null;
  /** Why the analysis failed (FAILED only). */
  @ApiProperty({ type: 'string', nullable: true })
  error: string | null;
  createdAt: Date;

  static from(t: ToolTransaction): TransactionDto {
    return Object.assign(new TransactionDto(), {
      id: t.id,
      userId: t.user.id,
      toolkitId: t.toolkit.id,
      type: t.type,
      transactionTime: t.transactionTime,
      status: t.status,
      found: t.found,
      missing: t.missing,
      unexpected: t.unexpected,
      annotatedImageUrl: t.annotatedImageKey ? AnnotatedImages.urlOf(t.annotatedImageKey) : null,
      modelVersion: t.modelVersion,
      error: t.error,
      createdAt: t.createdAt,
    });
  }
}

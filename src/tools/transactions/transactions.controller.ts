import {
  Body,
  Controller,
  Get,
  Param,
  Post,
  Query,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import {
  ApiBody,
  ApiConsumes,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiPayloadTooLargeResponse,
  ApiTags,
} from '@nestjs/swagger';
import { Auth, CurrentUser } from '../../common/auth/auth.decorators';
import type { Principal } from '../../common/auth/principal';
import { ErrorResponseDto } from '../../common/errors/error-response.dto';
import { UuidParamPipe } from '../../common/http/uuid-param.pipe';
import { PageOf, type Page } from '../../common/pagination/page.dto';
import { mapPage } from '../../common/pagination/paginate';
import {
  CreateTransactionFieldsDto,
  TransactionDto,
  TransactionQueryDto,
} from '../dto/transaction.dto';
import { TransactionStatus, TransactionType } from '../entities/tool-transaction.entity';
import { TOOL_WRITERS } from '../tool-roles';
import { ToolUpload } from '../uploads/tool-upload.interceptor';
import { uploadBody } from '../uploads/upload-body';
import type { UploadedToolFile } from '../uploads/uploaded-tool-file';
import { TransactionsService } from './transactions.service';

const TransactionPage = PageOf(TransactionDto);

@ApiTags('tools')
@Controller('api/v1/transactions')
export class TransactionsController {
  constructor(private readonly transactions: TransactionsService) {}

  @Post()
  @Auth(...TOOL_WRITERS)
  @UseInterceptors(ToolUpload('image'))
  @ApiOperation({
    summary: 'Record a toolkit issue or return with its photo: COMPLETE, INCOMPLETE or FAILED',
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody(
    uploadBody(
      'image',
      {
        type: { type: 'string', enum: Object.values(TransactionType) },
        userId: { type: 'string', format: 'uuid', description: 'The technician; default: caller' },
      },
      ['type'],
    ),
  )
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'Unknown toolkit or user' })
  @ApiPayloadTooLargeResponse({ type: ErrorResponseDto, description: 'Over a size limit' })
  async create(
    @UploadedFile() file: UploadedToolFile | undefined,
    @Body() fields: CreateTransactionFieldsDto,
    @CurrentUser() caller: Principal,
  ): Promise<TransactionDto> {
    return TransactionDto.from(await this.transactions.record(file, fields, caller));
  }

  @Get()
  @Auth()
  @ApiOperation({
    summary: `List transactions, newest first (filters: user, toolkit, type, status ${Object.values(TransactionStatus).join('/')}, from/to)`,
  })
  @ApiOkResponse({ type: TransactionPage })
  async list(@Query() query: TransactionQueryDto): Promise<Page<TransactionDto>> {
    return mapPage(await this.transactions.list(query), (t) => TransactionDto.from(t));
  }

  @Get(':id')
  @Auth()
  @ApiOperation({ summary: 'One transaction' })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  async get(@Param('id', UuidParamPipe) id: string): Promise<TransactionDto> {
    return TransactionDto.from(await this.transactions.get(id));
  }
}

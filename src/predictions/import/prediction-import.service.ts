import { EntityManager } from '@mikro-orm/postgresql';
import { BadRequestException, Injectable, Logger } from '@nestjs/common';
import type { Job } from 'bullmq';
import { ObjectKeys } from '../../storage/object-keys';
import { ObjectStorage } from '../../storage/object-storage';
import { ObjectNotFoundError } from '../../storage/storage.errors';
import type { Task } from '../../tasks/entities/task.entity';
import type { JobPayload, JobResult } from '../../tasks/queue-catalog';
import { TaskFailure } from '../../tasks/task-failure';
import { TaskQueue } from '../../tasks/task-queue.service';
import type { NewPrediction } from '../predictions.service';
import { ImportCompletion } from './import-completion.entity';
import { PredictionBatchWriter } from './prediction-batch-writer';
import type { RowError } from './prediction-csv';
import { readPredictionCsv } from './prediction-csv-reader';

export const MAX_IMPORT_BYTES = 10 * 1024 * 1024;
const MAX_REPORTED_ERRORS = 200;
const BATCH = 2000;

/** The part of a multer upload the import reads. */
export interface UploadedCsv {
  buffer: Buffer;
  originalname: string;
  size: number;
}

type ImportJob = Job<JobPayload<'predictions', 'import-csv'>>;
type ImportResult = JobResult<'predictions', 'import-csv'>;

/**
 * CSV import: the API stores the upload and queues a job; the worker streams the file, validates every row and
 * scores and inserts batches as it goes, all in one transaction that also writes the import's completion mark.
 * If any row is invalid nothing is written and the task lists the problems (line, column, reason). A re-run of a
 * task whose import committed (lost lock, crash, retry) returns the recorded result; the input file is deleted
 * only once the completion is committed.
 */
@Injectable()
export class PredictionImportService {
  private readonly logger = new Logger(PredictionImportService.name);

  constructor(
    private readonly storage: ObjectStorage,
    private readonly keys: ObjectKeys,
    private readonly taskQueue: TaskQueue,
    private readonly writer: PredictionBatchWriter,
    private readonly em: EntityManager,
  ) {}

  async start(file: UploadedCsv | undefined, ownerId: string): Promise<Task> {
    if (!file)
      throw new BadRequestException('file is required: send the CSV as the multipart field "file"');
    if (file.size === 0) throw new BadRequestException('file is empty');
    const key = this.keys.generate('imports/predictions', file.originalname || 'predictions.csv');
    await this.storage.put(key, file.buffer, { contentType: 'text/csv' });
    return this.taskQueue.enqueue(
      'predictions',
      'import-csv',
      { storageKey: key, filename: file.originalname },
      { ownerId },
    );
  }

  async run(job: ImportJob): Promise<ImportResult> {
    const taskId = String(job.id);
    const result = await this.em.fork().transactional(async (tx) => {
      // Two runs of one task (a stalled job picked up again while the first still commits) take turns here.
      await tx.execute('select pg_advisory_xact_lock(hashtextextended(?, 0))', [
        `import-csv:${taskId}`,
      ]);
      const done = await tx.findOne(ImportCompletion, { task: taskId });
      if (done)
        return { imported: done.imported, rows: done.rows, modelVersion: done.modelVersion };
      const imported = await this.importRows(job, tx);
      await tx.insert(ImportCompletion, { task: taskId, ...imported, completedAt: new Date() });
      return imported;
    });
    await this.deleteInput(job.data.storageKey, taskId);
    return result;
  }

  private async importRows(job: ImportJob, tx: EntityManager): Promise<ImportResult> {
    const { body, metadata } = await this.openInput(job);
    const now = new Date();
    const errors: RowError[] = [];
    let problems = 0;
    let rows = 0;
    let imported = 0;
    let modelVersion = '';
    let batch: NewPrediction[] = [];
    let batchLine = 0;
    let reported = 0;
    const flush = async (): Promise<void> => {
      if (batch.length === 0) return;
      modelVersion = await this.insertBatch(tx, batch, batchLine, now);
      imported += batch.length;
      batch = [];
    };
    for await (const row of readPredictionCsv(body)) {
      rows += 1;
      if (row.errors.length > 0) {
        problems += row.errors.length;
        errors.push(...row.errors.slice(0, MAX_REPORTED_ERRORS - errors.length));
        batch = [];
      } else if (problems === 0 && row.value) {
        // Once a row is invalid nothing more is written (the transaction is rolled back); validation goes on
        // so the task lists every problem.
        if (batch.length === 0) batchLine = row.line;
        batch.push(row.value);
        if (batch.length >= BATCH) await flush();
      }
      const percent = Math.min(99, Math.floor((99 * row.bytes) / Math.max(metadata.size, 1)));
      if (percent > reported) {
        reported = percent;
        // Best effort: a slow or absent Redis must not stall or fail the import.
        job.updateProgress(percent).catch(() => undefined);
      }
    }
    if (problems > 0) {
      const first = errors[0];
      throw new TaskFailure(
        `${problems} problem(s) in ${job.data.filename}; nothing was imported; first: line ${first.line}: column ${first.column}: ${first.reason}`,
        { imported: 0, rows, problems, errors },
      );
    }
    await flush();
    return { imported, rows, modelVersion };
  }

  private async openInput(job: ImportJob): ReturnType<ObjectStorage['get']> {
    try {
      return await this.storage.get(job.data.storageKey);
    } catch (error) {
      if (!(error instanceof ObjectNotFoundError)) throw error;
      throw new TaskFailure(
        `The uploaded file ${job.data.filename} is no longer stored and this import never completed; upload it again`,
        { imported: 0 },
      );
    }
  }

  private async insertBatch(
    tx: EntityManager,
    batch: NewPrediction[],
    firstLine: number,
    now: Date,
  ): Promise<string> {
    try {
      return await this.writer.write(tx, batch, now);
    } catch (error) {
      // SQLSTATE class 22 (data exception): a value the validation let through that PostgreSQL refuses.
      const code = String((error as { code?: unknown }).code ?? '');
      if (!code.startsWith('22')) throw error;
      throw new TaskFailure(
        `The database refused a value in the rows from line ${firstLine} on (SQLSTATE ${code}); nothing was imported`,
        { imported: 0 },
      );
    }
  }

  private async deleteInput(key: string, taskId: string): Promise<void> {
    try {
      await this.storage.delete(key);
    } catch (error) {
      this.logger.warn(
        { err: error, taskId, key },
        'import completed but its input file could not be deleted',
      );
    }
  }
}

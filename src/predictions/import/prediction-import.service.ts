import { EntityManager, type RequiredEntityData } from '@mikro-orm/postgresql';
import { BadRequestException, Injectable } from '@nestjs/common';
import type { Job } from 'bullmq';
import { parse } from 'csv-parse';
import { newId } from '@app/database';
import { ObjectKeys } from '../../storage/object-keys';
import { ObjectStorage } from '../../storage/object-storage';
import type { Task } from '../../tasks/entities/task.entity';
import type { JobPayload, JobResult } from '../../tasks/queue-catalog';
import { TaskFailure } from '../../tasks/task-failure';
import { TaskQueue } from '../../tasks/task-queue.service';
import { Prediction } from '../entities/prediction.entity';
import type { NewPrediction } from '../predictions.service';
import { VehicleQualityModel } from '../vehicle-quality.model';
import { headerProblems, parsePredictionRow, type RowError } from './prediction-csv';

export const MAX_IMPORT_BYTES = 10 * 1024 * 1024;
const MAX_REPORTED_ERRORS = 200;
const BATCH = 1000;

/** The part of a multer upload the import reads. */
export interface UploadedCsv {
  buffer: Buffer;
  originalname: string;
  size: number;
}

type ImportJob = Job<JobPayload<'predictions', 'import-csv'>>;
type ImportResult = JobResult<'predictions', 'import-csv'>;

/**
 * CSV import: the API stores the upload and queues a job; the worker streams the file, validates every row,
 * predicts in batches and writes all records in one transaction — or, if any row is invalid, writes nothing and
 * lists the problems (line, column, reason) on the task.
 */
@Injectable()
export class PredictionImportService {
  constructor(
    private readonly storage: ObjectStorage,
    private readonly keys: ObjectKeys,
    private readonly taskQueue: TaskQueue,
    private readonly model: VehicleQualityModel,
    private readonly em: EntityManager,
  ) {}

  async start(
    file: { buffer: Buffer; originalname: string; size: number } | undefined,
    ownerId: string,
  ): Promise<Task> {
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
    const { records, errors, rows } = await this.readAndValidate(job);
    if (errors.length > 0) {
      throw new TaskFailure(
        `${errors.length} problem(s) in ${job.data.filename}; nothing was imported`,
        {
          imported: 0,
          rows,
          problems: errors.length,
          errors: errors.slice(0, MAX_REPORTED_ERRORS),
        },
      );
    }
    let modelVersion = '';
    const now = new Date();
    const toInsert: RequiredEntityData<Prediction>[] = [];
    for (let start = 0; start < records.length; start += BATCH) {
      const chunk = records.slice(start, start + BATCH);
      const scored = await this.model.scoreBatch(
        chunk.map((r) => [r.feature1, r.feature2, r.feature3] as const),
      );
      modelVersion = scored.modelVersion;
      chunk.forEach((r, i) =>
        toInsert.push({
          id: newId(),
          createdAt: now,
          updatedAt: now,
          knr: r.knr,
          date: r.date ?? now,
          feature1: r.feature1,
          feature2: r.feature2,
          feature3: r.feature3,
          predictionResult: scored.verdicts[i].predictionResult,
          probability: scored.verdicts[i].probability,
          realResult: r.realResult ?? null,
          modelVersion,
        }),
      );
      await job.updateProgress(50 + Math.round((40 * (start + chunk.length)) / records.length));
    }
    await this.em.transactional(async (tx) => {
      for (let start = 0; start < toInsert.length; start += BATCH) {
        await tx.insertMany(Prediction, toInsert.slice(start, start + BATCH));
      }
    });
    await this.storage.delete(job.data.storageKey);
    return { imported: toInsert.length, rows, modelVersion };
  }

  private async readAndValidate(
    job: ImportJob,
  ): Promise<{ records: NewPrediction[]; errors: RowError[]; rows: number }> {
    const { body, metadata } = await this.storage.get(job.data.storageKey);
    const parser = body.pipe(
      parse({
        columns: (header: string[]) => header.map((h) => h.trim()),
        bom: true,
        trim: true,
        skip_empty_lines: true,
        info: true,
      }),
    );
    const records: NewPrediction[] = [];
    const errors: RowError[] = [];
    let rows = 0;
    let bytesAtLastReport = 0;
    try {
      for await (const { record, info } of parser as AsyncIterable<{
        record: Record<string, string>;
        info: { lines: number; bytes: number };
      }>) {
        if (rows === 0) {
          const problems = headerProblems(Object.keys(record));
          if (problems.length > 0)
            throw new TaskFailure(`The CSV header is not usable: ${problems.join('; ')}`, {
              problems,
            });
        }
        rows += 1;
        const parsed = parsePredictionRow(record, info.lines);
        if (parsed.value) records.push(parsed.value);
        errors.push(...parsed.errors);
        if (info.bytes - bytesAtLastReport > 256 * 1024) {
          bytesAtLastReport = info.bytes;
          await job.updateProgress(Math.round((50 * info.bytes) / Math.max(metadata.size, 1)));
        }
      }
    } catch (error) {
      body.destroy();
      if (error instanceof TaskFailure) throw error;
      throw new TaskFailure(`The file is not valid CSV: ${(error as Error).message}`, {
        imported: 0,
      });
    }
    if (rows === 0 && errors.length === 0)
      throw new TaskFailure('The CSV has no data rows', { imported: 0, rows: 0 });
    await job.updateProgress(50);
    return { records, errors, rows };
  }
}

import type { EntityManager, Knex } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { newId } from '@app/database';
import { Prediction } from '../entities/prediction.entity';
import { scorePredictions, type NewPrediction, type ScoredPrediction } from '../scored-predictions';
import { VehicleQualityModel } from '../vehicle-quality.model';

/** A scored prediction as one inserted row. */
type Row = ScoredPrediction & Pick<Prediction, 'id' | 'createdAt' | 'updatedAt'>;

/** Every column an import writes, with its PostgreSQL type (the entity's). */
const COLUMNS: [keyof Row, string][] = [
  ['id', 'uuid'],
  ['createdAt', 'timestamptz'],
  ['updatedAt', 'timestamptz'],
  ['knr', 'varchar'],
  ['date', 'timestamptz'],
  ['feature1', 'float8'],
  ['feature2', 'float8'],
  ['feature3', 'float8'],
  ['predictionResult', 'int2'],
  ['probability', 'float8'],
  ['realResult', 'int2'],
  ['modelVersion', 'varchar'],
];

/**
 * Scores one batch of imported rows in a single model run and inserts it through `tx` with one statement whose
 * parameters are one array per column (`insert … select * from unnest(…)`): no entities, nothing in the identity
 * map, a constant number of parameters, so an import's memory and statement size do not grow with the file.
 */
@Injectable()
export class PredictionBatchWriter {
  constructor(private readonly model: VehicleQualityModel) {}

  /** Returns the version of the model that scored the batch. */
  async write(tx: EntityManager, rows: readonly NewPrediction[], now: Date): Promise<string> {
    const scored = await scorePredictions(this.model, rows, now);
    const records: Row[] = scored.map((fields) => ({
      id: newId(),
      createdAt: now,
      updatedAt: now,
      ...fields,
    }));
    const modelVersion = scored[0]?.modelVersion ?? this.model.version;
    const meta = tx.getMetadata().get<Prediction>(Prediction.name);
    const columns = COLUMNS.map(([property]) => `"${meta.properties[property].fieldNames[0]}"`);
    const arrays = COLUMNS.map(([, type]) => `?::${type}[]`);
    await tx
      .getKnex()
      .raw(
        `insert into "${meta.tableName}" (${columns.join(', ')}) select * from unnest(${arrays.join(', ')})`,
        COLUMNS.map(([property]) => records.map((record) => record[property])) as Knex.RawBinding[],
      )
      .transacting(tx.getTransactionContext<Knex.Transaction>()!);
    return modelVersion;
  }
}

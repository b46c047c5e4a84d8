import { ApiProperty } from '@nestjs/swagger';
import { PriceModelVersionDto } from './models/model-version.dto';
import { TrainingRunDto } from './training/training-run.dto';

export class RealtyStatusDto {
  /** The version predictions use; null until a run succeeded. */
  activeModel: PriceModelVersionDto | null;
  @ApiProperty({ type: 'integer' })
  versions: number;
  /** Prices served by every process since Redis was last emptied (null while Redis does not answer). */
  @ApiProperty({ type: 'integer', nullable: true })
  predictionsServed: number | null;
  /** The newest training run. */
  lastTraining: TrainingRunDto | null;
  /** Workers connected to the `realty` queue. */
  @ApiProperty({ type: 'integer' })
  workers: number;
}

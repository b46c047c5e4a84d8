import { IsString, Length, Matches } from 'class-validator';
import type { Dashboard } from '../entities/dashboard.entity';

/** A name a person reads: 1-200 characters, no control characters, not blank. */
const DASHBOARD_NAME = /^(?=.*\S)[^\p{Cc}]{1,200}$/u;

export class CreateDashboardDto {
  /** Unique among the owner's dashboards (1-200 characters). @example AI Monitoring Dashboard */
  @IsString()
  @Length(1, 200)
  @Matches(DASHBOARD_NAME, { message: 'name must be 1-200 characters without control characters' })
  name: string;
}

export class UpdateDashboardDto extends CreateDashboardDto {}

export class DashboardDto {
  /** @example 01a20737-58be-7ee1-87e7-ecca9829b26b */
  id: string;
  /** @example AI Monitoring Dashboard */
  name: string;
  /** The owner's user id. */
  ownerId: string;
  createdAt: Date;
  updatedAt: Date;

  static from(d: Dashboard): DashboardDto {
    return Object.assign(new DashboardDto(), {
      id: d.id,
      name: d.name,
      ownerId: d.owner.id,
      createdAt: d.createdAt,
      updatedAt: d.updatedAt,
    });
  }
}

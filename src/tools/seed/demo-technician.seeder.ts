import { Injectable } from '@nestjs/common';
import { UserRole } from '../../common/auth/user-role';
import { SeedStep, type SeedReport, type Seeder } from '../../seeding/seed-step.decorator';
import { UsersService } from '../../users/users.service';
import { DEMO_TECHNICIAN } from './standard-toolkit';

/** A technician (operator role, employee number T-0001) to record demo toolkit transactions for. */
@SeedStep({
  name: 'demo',
  order: 60,
  description: 'Demo technician user "technician" (employee T-0001)',
  demo: true,
})
@Injectable()
export class DemoTechnicianSeeder implements Seeder {
  constructor(private readonly users: UsersService) {}

  async run(): Promise<SeedReport> {
    if (await this.users.findByUsername(DEMO_TECHNICIAN.username))
      return { created: 0, updated: 0 };
    await this.users.create({ ...DEMO_TECHNICIAN, role: UserRole.Operator });
    return { created: 1, updated: 0 };
  }
}

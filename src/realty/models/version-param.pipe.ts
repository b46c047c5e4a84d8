import { BadRequestException, Injectable, type PipeTransform } from '@nestjs/common';

/** A model version in a path: a whole number from 1 to 2147483647, else 400. */
@Injectable()
export class VersionParamPipe implements PipeTransform<string, number> {
  transform(value: string): number {
    const version = /^\d{1,10}$/.test(value) ? Number(value) : NaN;
    if (!Number.isInteger(version) || version < 1 || version > 2_147_483_647)
      throw new BadRequestException('version must be a whole number from 1 to 2147483647');
    return version;
  }
}

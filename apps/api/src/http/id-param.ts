import { BadRequestException, Param, type PipeTransform } from '@nestjs/common';

const ID = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$/;

/** Path ids: 1–128 letters, digits, _ . : - (UUIDs and the ids this API hands out all fit). */
export class IdPipe implements PipeTransform<string, string> {
  constructor(private readonly name: string) {}

  transform(value: string): string {
    if (typeof value !== 'string' || !ID.test(value))
      throw new BadRequestException({
        code: 'VALIDATION.FAILED',
        detail: `${this.name} must be 1–128 letters, digits, _ . : - starting with a letter or digit`,
        errors: [{ field: this.name, rule: 'id', message: `${this.name} is not a valid id` }],
      });
    return value;
  }
}

/** `@IdParam('needId')`: a validated path id. */
export const IdParam = (name: string) => Param(name, new IdPipe(name));

import { BadRequestException, ValidationPipe, type ArgumentMetadata, type ValidationError } from '@nestjs/common';
import { inputProblems } from './input-rules';
import type { FieldError } from './problem';

/** Flattens class-validator's nested errors into one entry per failing field and rule. */
export function fieldErrors(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((e) => {
    const field = e.property === '' ? `${parent}[""]` : parent ? (/^\d+$/.test(e.property) ? `${parent}[${e.property}]` : `${parent}.${e.property}`) : e.property;
    const own = Object.entries(e.constraints ?? {}).map(([rule, message]) => ({
      field,
      rule: rule === 'whitelistValidation' ? 'unknown' : rule,
      message: rule === 'whitelistValidation' ? `${field} is not a known field` : message,
    }));
    return [...own, ...fieldErrors(e.children ?? [], field)];
  });
}

export function validationFailed(list: FieldError[]): BadRequestException {
  return new BadRequestException({
    code: 'VALIDATION.FAILED',
    detail: list.map((e) => `${e.field}: ${e.message}`).join('; '),
    errors: list,
  });
}

/**
 * The DTO rules, after the rules every value obeys (input-rules: well-formed text without control
 * characters, something visible in non-blank text, no prototype keys, safe numbers) checked on the
 * value as sent; numbers are checked again once the query's text became numbers.
 */
class InputValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const checked = metadata.type === 'body' || metadata.type === 'query' || metadata.type === 'param';
    if (checked) {
      const list = inputProblems(value, metadata.data ?? '');
      if (list.length) throw validationFailed(list);
    }
    const out = await super.transform(value, metadata);
    if (checked && out !== value) {
      const list = inputProblems(out, metadata.data ?? '');
      if (list.length) throw validationFailed(list);
    }
    return out;
  }
}

/** Whitelist, refuse unknown fields, transform to DTO classes; every failure named by field and rule. */
export function validationPipe(): ValidationPipe {
  return new InputValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    stopAtFirstError: false,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => validationFailed(fieldErrors(errors)),
  });
}

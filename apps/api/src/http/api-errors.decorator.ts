import { applyDecorators } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiResponse } from '@nestjs/swagger';
import { CommandResponse } from '../commands/command-gateway';
import { ProblemDto } from './problem.dto';

const problem = (status: number, description: string) =>
  ApiResponse({ status, description, type: ProblemDto, content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/ProblemDto' } } } });

/** OpenAPI for a command endpoint: its headers, its answer and every error it can give. */
export function ApiCommandErrors(success: 200 | 201 = 200) {
  return applyDecorators(
    ApiBearerAuth(),
    ApiHeader({ name: 'Idempotency-Key', required: false, description: 'repeat a request safely: the same key and body return the original result' }),
    ApiHeader({ name: 'If-Match', required: false, description: 'apply only at this revision (the ETag of a previous answer); 412 otherwise' }),
    ApiResponse({ status: success, type: CommandResponse, description: 'applied; ETag carries the new revision' }),
    problem(400, 'invalid input: each failing field and rule in `errors`'),
    problem(401, 'no or bad credentials'),
    problem(403, 'role not allowed, or the thing is outside your scope'),
    problem(404, 'unknown id'),
    problem(409, 'a rule of the workflow refused it, a concurrent change, or an Idempotency-Key reused'),
    problem(412, 'If-Match did not match the current revision'),
    problem(413, 'body too large'),
    problem(415, 'body is not application/json'),
    problem(429, 'rate limited'),
  );
}

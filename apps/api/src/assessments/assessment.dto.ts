import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsObject, IsOptional, Max, Min } from 'class-validator';

export class ComputeAssessmentDto {
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    description:
      'the point rules (AssessmentRules: rulesId, baseScore, evaluation, required, optional, bounds, grades); ' +
      'omit to use the configured default rules (apps/api/src/assessments/assessment-rules.default.json). Validated by the domain.',
  })
  @IsOptional() @IsObject()
  rules?: Record<string, unknown>;

  @ApiPropertyOptional({ example: 2, minimum: 0, maximum: 1000, description: '自选动作 recorded for the unit this year (not yet tracked as events)' })
  @IsOptional() @IsInt() @Min(0) @Max(1000)
  optionalActions?: number;
}

export class FinalizeAssessmentDto {
  @ApiPropertyOptional({ example: 2, minimum: 1, description: 'the computation you reviewed; refused when a newer one exists' })
  @IsOptional() @IsInt() @Min(1)
  computation?: number;
}

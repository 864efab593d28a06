import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class FieldErrorDto {
  @ApiProperty({ example: 'requester.phone' }) field!: string;
  @ApiProperty({ example: 'matches' }) rule!: string;
  @ApiProperty() message!: string;
}

/** RFC 9457 problem details (application/problem+json). */
export class ProblemDto {
  @ApiProperty() type!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ example: 409 }) status!: number;
  @ApiProperty({ example: 'NEED.WRONG_STATUS', description: 'stable machine-readable code' }) code!: string;
  @ApiProperty() detail!: string;
  @ApiPropertyOptional() instance?: string;
  @ApiPropertyOptional() requestId?: string;
  @ApiPropertyOptional({ type: [FieldErrorDto] }) errors?: FieldErrorDto[];
}

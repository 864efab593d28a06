import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';

/** A person named in a command (contact, 责任人): personal data, masked for roles that may not see it. */
export class PersonDto {
  @ApiProperty({ example: '李四', maxLength: 100, description: 'personal data: masked for roles that may not see it' })
  @IsString() @IsNotEmpty() @MaxLength(100)
  name!: string;

  @ApiPropertyOptional({ example: '13900001111', description: 'personal data' })
  @IsOptional() @IsString() @Matches(/^[0-9+\-() ]{5,20}$/, { message: 'phone must be 5–20 digits, spaces or + - ( )' })
  phone?: string | null;
}

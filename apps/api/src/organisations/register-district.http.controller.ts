import { Body, Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { district } from '@cobuild/domain';
import type { Response } from 'express';
import { CommandGateway, CommandResponse } from '../commands/command-gateway';
import { Allow } from '../http/allow.decorator';
import { ApiCommandErrors } from '../http/api-errors.decorator';
import type { AuthedRequest } from '../http/role.guard';
import { RegisterDistrictDto } from './organisation.dto';

@ApiTags('organisations')
@Controller('districts')
export class RegisterDistrictHttpController {
  constructor(private readonly commands: CommandGateway) {}

  @Post()
  @HttpCode(201)
  @Allow('district_admin')
  @ApiOperation({ summary: 'Register a district (区) — by an admin of that district' })
  @ApiCommandErrors(201)
  register(@Body() dto: RegisterDistrictDto, @Req() req: AuthedRequest, @Res({ passthrough: true }) res: Response): Promise<CommandResponse> {
    return this.commands.execute(req, res, {
      decider: district.decider,
      streamId: district.streamName(dto.districtId),
      id: dto.districtId,
      command: { type: 'RegisterDistrict', data: { districtId: dto.districtId, name: dto.name } },
      communityOf: () => null,
      targetOf: () => ({ districtId: dto.districtId }),
    });
  }
}

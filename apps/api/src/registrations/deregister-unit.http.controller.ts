import { Body, Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CommandGateway, CommandResponse } from '../commands/command-gateway';
import { Allow } from '../http/allow.decorator';
import { ApiCommandErrors } from '../http/api-errors.decorator';
import { IdParam } from '../http/id-param';
import type { AuthedRequest } from '../http/role.guard';
import { RegistrationReasonDto } from './registration.dto';
import { unitRegistrationRoute } from './registration-routes';

@ApiTags('registrations 双报到')
@Controller('communities/:communityId/units/:unitId')
export class DeregisterUnitHttpController {
  constructor(private readonly commands: CommandGateway) {}

  @Post('deregister')
  @HttpCode(200)
  @Allow('community_secretary', 'community_staff', 'district_admin')
  @ApiOperation({ summary: 'The unit no longer serves the community (with the reason)' })
  @ApiCommandErrors()
  deregister(
    @IdParam('communityId') communityId: string,
    @IdParam('unitId') unitId: string,
    @Body() dto: RegistrationReasonDto,
    @Req() req: AuthedRequest,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CommandResponse> {
    return this.commands.execute(req, res, unitRegistrationRoute('DeregisterUnit', { unitId, communityId, reason: dto.reason }));
  }
}

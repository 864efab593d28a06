import { Body, Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CommandGateway, CommandResponse } from '../commands/command-gateway';
import { Allow } from '../http/allow.decorator';
import { ApiCommandErrors } from '../http/api-errors.decorator';
import { IdParam } from '../http/id-param';
import type { AuthedRequest } from '../http/role.guard';
import { AssignUnitDto } from './registration.dto';
import { unitRegistrationRoute } from './registration-routes';

@ApiTags('registrations 双报到')
@Controller('communities/:communityId/units/:unitId')
export class AssignUnitHttpController {
  constructor(private readonly commands: CommandGateway) {}

  @Post('assign')
  @HttpCode(201)
  @Allow('district_admin')
  @ApiOperation({ summary: "The district's organisation department assigns a unit to serve this community (with the reason)" })
  @ApiCommandErrors(201)
  assign(
    @IdParam('communityId') communityId: string,
    @IdParam('unitId') unitId: string,
    @Body() dto: AssignUnitDto,
    @Req() req: AuthedRequest,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CommandResponse> {
    return this.commands.execute(req, res, unitRegistrationRoute('AssignUnitToCommunity', {
      unitId,
      communityId,
      reason: dto.reason,
      unitName: dto.unitName,
      partyOrganisationName: dto.partyOrganisationName,
      contactPerson: { name: dto.contactPerson.name, phone: dto.contactPerson.phone },
      superiorDepartment: dto.superiorDepartment,
    }));
  }
}

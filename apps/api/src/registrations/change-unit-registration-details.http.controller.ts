import { Body, Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CommandGateway, CommandResponse } from '../commands/command-gateway';
import { Allow } from '../http/allow.decorator';
import { ApiCommandErrors } from '../http/api-errors.decorator';
import { IdParam } from '../http/id-param';
import type { AuthedRequest } from '../http/role.guard';
import { ChangeUnitDetailsDto } from './registration.dto';
import { unitRegistrationRoute } from './registration-routes';

@ApiTags('registrations 双报到')
@Controller('communities/:communityId/units/:unitId')
export class ChangeUnitRegistrationDetailsHttpController {
  constructor(private readonly commands: CommandGateway) {}

  @Post('details')
  @HttpCode(200)
  @Allow('community_secretary', 'community_staff', 'unit_contact')
  @ApiOperation({ summary: "Change a registered unit's name, Party organisation, contact person or superior department (only the fields given)" })
  @ApiCommandErrors()
  change(
    @IdParam('communityId') communityId: string,
    @IdParam('unitId') unitId: string,
    @Body() dto: ChangeUnitDetailsDto,
    @Req() req: AuthedRequest,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CommandResponse> {
    return this.commands.execute(req, res, unitRegistrationRoute('ChangeUnitRegistrationDetails', {
      unitId,
      communityId,
      unitName: dto.unitName,
      partyOrganisationName: dto.partyOrganisationName,
      contactPerson: dto.contactPerson ? { name: dto.contactPerson.name, phone: dto.contactPerson.phone } : undefined,
      superiorDepartment: dto.superiorDepartment,
    }));
  }
}

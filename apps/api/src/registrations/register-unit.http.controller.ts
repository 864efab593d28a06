import { Body, Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CommandGateway, CommandResponse } from '../commands/command-gateway';
import { Allow } from '../http/allow.decorator';
import { ApiCommandErrors } from '../http/api-errors.decorator';
import { IdParam } from '../http/id-param';
import type { AuthedRequest } from '../http/role.guard';
import { RegisterUnitDto } from './registration.dto';
import { RegistrationReader } from './registration-reader';
import { unitRegistrationRoute } from './registration-routes';

@ApiTags('registrations 双报到')
@Controller('communities/:communityId/units')
export class RegisterUnitHttpController {
  constructor(
    private readonly commands: CommandGateway,
    private readonly registrations: RegistrationReader,
  ) {}

  @Post()
  @HttpCode(201)
  @Allow('community_secretary', 'community_staff', 'unit_contact')
  @ApiOperation({
    summary: 'A stationed unit reports to the community (驻区单位到社区报到)',
    description: "Recorded by the community's staff, or reported by the unit's own contact. A unit already serving another community needs the district's assignment.",
  })
  @ApiCommandErrors(201)
  async register(
    @IdParam('communityId') communityId: string,
    @Body() dto: RegisterUnitDto,
    @Req() req: AuthedRequest,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CommandResponse> {
    const activeCommunityIds = await this.registrations.activeCommunitiesOf(dto.unitId);
    return this.commands.execute(req, res, unitRegistrationRoute('RegisterUnit', {
      unitId: dto.unitId,
      communityId,
      activeCommunityIds,
      unitName: dto.unitName,
      partyOrganisationName: dto.partyOrganisationName,
      contactPerson: { name: dto.contactPerson.name, phone: dto.contactPerson.phone },
      superiorDepartment: dto.superiorDepartment,
    }));
  }
}

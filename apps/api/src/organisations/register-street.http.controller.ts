import { IdParam } from '../http/id-param';
import { Body, Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { street } from '@cobuild/domain';
import type { Response } from 'express';
import { CommandGateway, CommandResponse } from '../commands/command-gateway';
import { Allow } from '../http/allow.decorator';
import { ApiCommandErrors } from '../http/api-errors.decorator';
import type { AuthedRequest } from '../http/role.guard';
import { RegisterStreetDto } from './organisation.dto';
import { OrganisationReader } from './organisation-reader';

@ApiTags('organisations')
@Controller('districts/:districtId/streets')
export class RegisterStreetHttpController {
  constructor(
    private readonly commands: CommandGateway,
    private readonly organisations: OrganisationReader,
  ) {}

  @Post()
  @HttpCode(201)
  @Allow('district_admin')
  @ApiOperation({ summary: 'Register a street (街道) in a district' })
  @ApiCommandErrors(201)
  async register(
    @IdParam('districtId') districtId: string,
    @Body() dto: RegisterStreetDto,
    @Req() req: AuthedRequest,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CommandResponse> {
    const { state } = await this.organisations.district(districtId);
    return this.commands.execute(req, res, {
      decider: street.decider,
      streamId: street.streamName(dto.streetId),
      id: dto.streetId,
      command: {
        type: 'RegisterStreet',
        data: { streetId: dto.streetId, districtId, name: dto.name, districtRegistered: state.status === 'registered' },
      },
      communityOf: () => null,
      targetOf: (s) => ({ districtId: s.status === 'registered' ? s.districtId : districtId }),
    });
  }
}

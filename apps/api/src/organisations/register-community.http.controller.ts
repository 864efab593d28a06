import { IdParam } from '../http/id-param';
import { Body, Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { community } from '@cobuild/domain';
import type { Response } from 'express';
import { CommandGateway, CommandResponse } from '../commands/command-gateway';
import { Allow } from '../http/allow.decorator';
import { ApiCommandErrors } from '../http/api-errors.decorator';
import type { AuthedRequest } from '../http/role.guard';
import { RegisterCommunityDto } from './organisation.dto';
import { OrganisationReader } from './organisation-reader';

@ApiTags('organisations')
@Controller('streets/:streetId/communities')
export class RegisterCommunityHttpController {
  constructor(
    private readonly commands: CommandGateway,
    private readonly organisations: OrganisationReader,
  ) {}

  @Post()
  @HttpCode(201)
  @Allow('district_admin', 'street_admin')
  @ApiOperation({ summary: 'Register a community (社区) in a street' })
  @ApiCommandErrors(201)
  async register(
    @IdParam('streetId') streetId: string,
    @Body() dto: RegisterCommunityDto,
    @Req() req: AuthedRequest,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CommandResponse> {
    const { state } = await this.organisations.street(streetId);
    const placeOfStreet = state.status === 'registered' ? { streetId, districtId: state.districtId } : null;
    return this.commands.execute(req, res, {
      decider: community.decider,
      streamId: community.streamName(dto.communityId),
      id: dto.communityId,
      command: {
        type: 'RegisterCommunity',
        data: { communityId: dto.communityId, name: dto.name, streetId, street: placeOfStreet, configuration: dto.configuration },
      },
      // the community does not exist yet: its scope is the street's
      communityOf: () => null,
      targetOf: (s) =>
        s.status === 'registered' ? { streetId: s.streetId, districtId: s.districtId } : { streetId, districtId: placeOfStreet?.districtId ?? null },
    });
  }
}

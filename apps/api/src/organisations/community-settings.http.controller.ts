import { IdParam } from '../http/id-param';
import { Body, Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { community } from '@cobuild/domain';
import type { Response } from 'express';
import { CommandGateway, CommandResponse } from '../commands/command-gateway';
import { Allow } from '../http/allow.decorator';
import { ApiCommandErrors } from '../http/api-errors.decorator';
import type { AuthedRequest } from '../http/role.guard';
import { CommunityConfigurationDto, RenameDto } from './organisation.dto';

const route = <T extends 'RenameCommunity' | 'ConfigureCommunity'>(communityId: string, type: T, data: Extract<community.CommunityCommand, { type: T }>['data']) => ({
  decider: community.decider,
  streamId: community.streamName(communityId),
  id: communityId,
  command: { type, data } as Pick<community.CommunityCommand, 'type' | 'data'>,
  communityOf: () => communityId,
});

@ApiTags('organisations')
@Controller('communities/:communityId')
export class CommunitySettingsHttpController {
  constructor(private readonly commands: CommandGateway) {}

  @Post('rename')
  @HttpCode(200)
  @Allow('community_secretary')
  @ApiOperation({ summary: 'Rename a community' })
  @ApiCommandErrors()
  rename(@IdParam('communityId') communityId: string, @Body() dto: RenameDto, @Req() req: AuthedRequest, @Res({ passthrough: true }) res: Response): Promise<CommandResponse> {
    return this.commands.execute(req, res, route(communityId, 'RenameCommunity', { communityId, name: dto.name }));
  }

  @Post('configuration')
  @HttpCode(200)
  @Allow('community_secretary')
  @ApiOperation({ summary: 'Change the community settings (time zone, objection period in working days, notice frequency)' })
  @ApiCommandErrors()
  configure(
    @IdParam('communityId') communityId: string,
    @Body() dto: CommunityConfigurationDto,
    @Req() req: AuthedRequest,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CommandResponse> {
    return this.commands.execute(req, res, route(communityId, 'ConfigureCommunity', { communityId, configuration: { ...dto } }));
  }
}

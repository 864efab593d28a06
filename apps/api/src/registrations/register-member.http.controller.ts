import { Body, Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CommandGateway, CommandResponse } from '../commands/command-gateway';
import { CommunityDirectory } from '../commands/community-directory';
import { Allow } from '../http/allow.decorator';
import { ApiCommandErrors } from '../http/api-errors.decorator';
import { IdParam } from '../http/id-param';
import type { AuthedRequest } from '../http/role.guard';
import { RegisterMemberDto } from './registration.dto';
import { RegistrationReader } from './registration-reader';
import { memberRoute } from './registration-routes';

@ApiTags('members 在职党员')
@Controller('communities/:communityId/members')
export class RegisterMemberHttpController {
  constructor(
    private readonly commands: CommandGateway,
    private readonly registrations: RegistrationReader,
    private readonly directory: CommunityDirectory,
  ) {}

  @Post()
  @HttpCode(201)
  @Allow('member', 'community_secretary', 'community_staff')
  @ApiOperation({
    summary: 'An in-service Party member reports to the community where they live (在职党员回居住地社区报到)',
    description: "The member registers themself (their own memberId), or the community's staff record it. The home unit must have reported to some community.",
  })
  @ApiCommandErrors(201)
  async register(
    @IdParam('communityId') communityId: string,
    @Body() dto: RegisterMemberDto,
    @Req() req: AuthedRequest,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CommandResponse> {
    await this.registrations.requireKnownUnit(dto.homeUnitId, 'homeUnitId');
    // authorise against the community registered at now: the gateway would take a returning
    // member's stream's first community (where they lived before)
    const place = await this.directory.place(communityId);
    return this.commands.execute(req, res, memberRoute(dto.memberId, 'RegisterMember', {
      memberId: dto.memberId,
      name: dto.name,
      phone: dto.phone ?? null,
      homeUnitId: dto.homeUnitId,
      residenceCommunityId: communityId,
      skills: dto.skills,
    }, place));
  }
}

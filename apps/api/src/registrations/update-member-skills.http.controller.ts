import { Body, Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CommandGateway, CommandResponse } from '../commands/command-gateway';
import { Allow } from '../http/allow.decorator';
import { ApiCommandErrors } from '../http/api-errors.decorator';
import { IdParam } from '../http/id-param';
import type { AuthedRequest } from '../http/role.guard';
import { MemberSkillsDto } from './registration.dto';
import { RegistrationReader } from './registration-reader';
import { memberRoute } from './registration-routes';

@ApiTags('members 在职党员')
@Controller('members/:memberId')
export class UpdateMemberSkillsHttpController {
  constructor(
    private readonly commands: CommandGateway,
    private readonly registrations: RegistrationReader,
  ) {}

  @Post('skills')
  @HttpCode(200)
  @Allow('member', 'community_secretary', 'community_staff')
  @ApiOperation({ summary: "Replace a member's skills (the full new list)" })
  @ApiCommandErrors()
  async update(@IdParam('memberId') memberId: string, @Body() dto: MemberSkillsDto, @Req() req: AuthedRequest, @Res({ passthrough: true }) res: Response): Promise<CommandResponse> {
    const place = await this.registrations.memberPlace(memberId);
    return this.commands.execute(req, res, memberRoute(memberId, 'UpdateMemberSkills', { memberId, skills: dto.skills }, place));
  }
}

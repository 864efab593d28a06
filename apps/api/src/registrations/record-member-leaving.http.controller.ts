import { Body, Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CommandGateway, CommandResponse } from '../commands/command-gateway';
import { Allow } from '../http/allow.decorator';
import { ApiCommandErrors } from '../http/api-errors.decorator';
import { IdParam } from '../http/id-param';
import type { AuthedRequest } from '../http/role.guard';
import { RegistrationReasonDto } from './registration.dto';
import { RegistrationReader } from './registration-reader';
import { memberRoute } from './registration-routes';

@ApiTags('members 在职党员')
@Controller('members/:memberId')
export class RecordMemberLeavingHttpController {
  constructor(
    private readonly commands: CommandGateway,
    private readonly registrations: RegistrationReader,
  ) {}

  @Post('leave')
  @HttpCode(200)
  @Allow('member', 'community_secretary', 'community_staff')
  @ApiOperation({ summary: 'The member leaves the community (moved away, transferred), with the reason' })
  @ApiCommandErrors()
  async leave(@IdParam('memberId') memberId: string, @Body() dto: RegistrationReasonDto, @Req() req: AuthedRequest, @Res({ passthrough: true }) res: Response): Promise<CommandResponse> {
    const place = await this.registrations.memberPlace(memberId);
    return this.commands.execute(req, res, memberRoute(memberId, 'RecordMemberLeaving', { memberId, reason: dto.reason }, place));
  }
}

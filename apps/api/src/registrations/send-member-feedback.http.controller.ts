import { randomUUID } from 'node:crypto';
import { Body, Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CommandGateway, CommandResponse } from '../commands/command-gateway';
import { Allow } from '../http/allow.decorator';
import { ApiCommandErrors } from '../http/api-errors.decorator';
import { IdParam } from '../http/id-param';
import type { AuthedRequest } from '../http/role.guard';
import { MemberFeedbackDto } from './registration.dto';
import { RegistrationReader } from './registration-reader';
import { memberRoute } from './registration-routes';

@ApiTags('members 在职党员')
@Controller('members/:memberId')
export class SendMemberFeedbackHttpController {
  constructor(
    private readonly commands: CommandGateway,
    private readonly registrations: RegistrationReader,
  ) {}

  @Post('feedback')
  @HttpCode(201)
  @Allow('community_secretary', 'community_staff')
  @ApiOperation({ summary: "Written feedback (书面反馈) to the member's home unit about what the member did in the community" })
  @ApiCommandErrors(201)
  async send(@IdParam('memberId') memberId: string, @Body() dto: MemberFeedbackDto, @Req() req: AuthedRequest, @Res({ passthrough: true }) res: Response): Promise<CommandResponse> {
    const place = await this.registrations.memberPlace(memberId);
    return this.commands.execute(req, res, memberRoute(memberId, 'SendMemberFeedback', {
      memberId,
      feedbackId: dto.feedbackId ?? randomUUID(),
      period: dto.period,
      text: dto.text,
      taskIds: dto.taskIds ?? [],
    }, place));
  }
}

import { IdParam } from '../http/id-param';
import { Body, Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CommandGateway, CommandResponse } from '../commands/command-gateway';
import { Allow } from '../http/allow.decorator';
import { ApiCommandErrors } from '../http/api-errors.decorator';
import type { AuthedRequest } from '../http/role.guard';
import { SubmitNeedDto } from './need.dto';
import { needRoute } from './need-routes';
import { serverChosenId } from '../commands/server-chosen-id';

@ApiTags('needs 需求清单')
@Controller('communities/:communityId/needs')
export class SubmitNeedHttpController {
  constructor(private readonly commands: CommandGateway) {}

  @Post()
  @HttpCode(201)
  @Allow('community_secretary', 'community_staff', 'unit_contact', 'member')
  @ApiOperation({ summary: 'Submit a need (收集需求) to a community' })
  @ApiCommandErrors(201)
  submit(
    @IdParam('communityId') communityId: string,
    @Body() dto: SubmitNeedDto,
    @Req() req: AuthedRequest,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CommandResponse> {
    const needId = dto.needId ?? serverChosenId(req, 'need');
    return this.commands.execute(req, res, needRoute(needId, 'SubmitNeed', {
      needId,
      communityId,
      source: dto.source,
      requestingUnitId: dto.requestingUnitId ?? null,
      title: dto.title,
      description: dto.description,
      category: dto.category,
      urgency: dto.urgency,
      beneficiaries: { description: dto.beneficiaries.description, count: dto.beneficiaries.count ?? null },
      location: { gridId: dto.location.gridId ?? null, address: dto.location.address ?? null },
      wantedBy: dto.wantedBy ? new Date(dto.wantedBy).toISOString() : null,
      requester: { name: dto.requester.name, phone: dto.requester.phone ?? null },
    }));
  }
}

import { IdParam } from '../http/id-param';
import { Body, Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CommandGateway, CommandResponse } from '../commands/command-gateway';
import { Allow } from '../http/allow.decorator';
import { ApiCommandErrors } from '../http/api-errors.decorator';
import type { AuthedRequest } from '../http/role.guard';
import { MergeNeedDto } from './need.dto';
import { needRoute } from './need-routes';
import { NeedReader } from './need-reader';

@ApiTags('needs 需求清单')
@Controller('needs/:needId')
export class MergeNeedHttpController {
  constructor(
    private readonly commands: CommandGateway,
    private readonly needs: NeedReader,
  ) {}

  @Post('merge')
  @HttpCode(200)
  @Allow('community_secretary', 'community_staff')
  @ApiOperation({ summary: 'Merge a duplicate need into another one' })
  @ApiCommandErrors()
  async merge(@IdParam('needId') needId: string, @Body() dto: MergeNeedDto, @Req() req: AuthedRequest, @Res({ passthrough: true }) res: Response): Promise<CommandResponse> {
    const into = await this.needs.snapshot(dto.intoNeedId);
    return this.commands.execute(req, res, needRoute(needId, 'MergeNeed', { needId, into, note: dto.note ?? null }));
  }
}

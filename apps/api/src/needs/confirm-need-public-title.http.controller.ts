import { Body, Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CommandGateway, CommandResponse } from '../commands/command-gateway';
import { Allow } from '../http/allow.decorator';
import { ApiCommandErrors } from '../http/api-errors.decorator';
import { IdParam } from '../http/id-param';
import type { AuthedRequest } from '../http/role.guard';
import { PublicTitleDto } from './need.dto';
import { needRoute } from './need-routes';

@ApiTags('needs 需求清单')
@Controller('needs/:needId')
export class ConfirmNeedPublicTitleHttpController {
  constructor(private readonly commands: CommandGateway) {}

  @Post('public-title')
  @HttpCode(200)
  @Allow('community_secretary')
  @ApiOperation({
    summary: 'Confirm the title the public sees (公示) in place of the need own',
    description:
      'Required before listing when the title, description or beneficiaries hold personal data (phone, ID or bank card number, e-mail, room number, 张某某): ' +
      'listing answers 409 NEED.PUBLIC_TITLE_REQUIRED until then (GET /needs/{needId} shows `personalData`). The public title itself must hold none (400 NEED.PUBLIC_TITLE_HAS_PERSONAL_DATA).',
  })
  @ApiCommandErrors()
  confirm(@IdParam('needId') needId: string, @Body() dto: PublicTitleDto, @Req() req: AuthedRequest, @Res({ passthrough: true }) res: Response): Promise<CommandResponse> {
    return this.commands.execute(req, res, needRoute(needId, 'ConfirmNeedPublicTitle', { needId, publicTitle: dto.publicTitle }));
  }
}

import { Body, Controller, HttpCode, Param, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { AuthedRequest } from '../http/role.guard';
import { CommandResponse } from '../commands/command-gateway';
import { Public } from '../http/public.decorator';
import { RaiseObjectionDto } from './notice.dto';
import { objectionThrottle } from './objection-throttle.guard';
import { PublicObjections } from './public-objections';

@ApiTags('public notice board 公示栏')
@Controller('public/notices/:noticeId/objections')
export class RaiseObjectionHttpController {
  constructor(private readonly objections: PublicObjections) {}

  @Post()
  @Public()
  @HttpCode(201)
  @UseGuards(objectionThrottle.guard)
  @ApiOperation({
    summary: 'Raise an objection to a published notice during its objection period (no sign-in)',
    description: 'The answer `id` is the objection id. The optional contact is seen by the community only. Rate limited per address.',
  })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'repeat a request safely: the same key and body return the original result' })
  @ApiResponse({ status: 201, type: CommandResponse, description: 'the objection was recorded' })
  @ApiResponse({ status: 400, description: 'invalid text or contact' })
  @ApiResponse({ status: 404, description: 'no such notice' })
  @ApiResponse({ status: 409, description: 'the notice is closed or its objection period ended' })
  @ApiResponse({ status: 429, description: 'too many objections from this address' })
  raise(@Param('noticeId') noticeId: string, @Body() dto: RaiseObjectionDto, @Req() req: AuthedRequest, @Res({ passthrough: true }) res: Response): Promise<CommandResponse> {
    return this.objections.raise(req, res, noticeId, dto.text, dto.contact ?? null);
  }
}

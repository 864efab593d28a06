import { Controller, Get, NotFoundException, Param, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CommunityDirectory } from '../commands/community-directory';
import { Allow } from '../http/allow.decorator';
import type { AuthedRequest } from '../http/role.guard';
import { NoticeReader } from './notice-reader';
import { requireCommunityGrant } from './scope';

@ApiTags('notices 公示')
@Controller('notices/:noticeId')
export class GetNoticeHttpController {
  constructor(
    private readonly notices: NoticeReader,
    private readonly directory: CommunityDirectory,
  ) {}

  @Get()
  @Allow('community_secretary', 'community_staff', 'auditor')
  @ApiBearerAuth()
  @ApiOperation({ summary: "One notice for the community that answers it: objections with the objectors' contacts" })
  @ApiOkResponse({ description: 'the notice; ETag carries its revision' })
  async get(@Param('noticeId') noticeId: string, @Req() req: AuthedRequest, @Res({ passthrough: true }) res: Response) {
    const { view, revision } = await this.notices.load(noticeId);
    if (!view) throw new NotFoundException({ code: 'NOTICE.NOT_FOUND', detail: `Notice ${noticeId} is not published` });
    await requireCommunityGrant(req, this.directory, view.communityId);
    res.setHeader('ETag', `"${revision}"`);
    return { ...view, revision };
  }
}

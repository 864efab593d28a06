import { Controller, Get, NotFoundException, Param, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CommunityDirectory } from '../commands/community-directory';
import { Public } from '../http/public.decorator';
import { NoticeReader, publicNoticeView } from './notice-reader';

/** The public notice board (公示栏): published notices, objections and answers, without personal data. */
@ApiTags('public notice board 公示栏')
@Controller('public')
export class PublicNoticesHttpController {
  constructor(
    private readonly notices: NoticeReader,
    private readonly directory: CommunityDirectory,
  ) {}

  @Get('communities/:communityId/notices')
  @Public()
  @ApiOperation({ summary: "A community's published notices, newest first: title, kind, log position, digest, period, objections and answers" })
  @ApiOkResponse({ description: "the notices; objectors' contacts are never shown" })
  async list(@Param('communityId') communityId: string) {
    await this.directory.place(communityId); // 404 for an unknown community
    return { communityId, notices: (await this.notices.ofCommunity(communityId)).map(publicNoticeView) };
  }

  @Get('notices/:noticeId')
  @Public()
  @ApiOperation({ summary: 'One published notice with its objections and answers' })
  @ApiOkResponse({ description: "the notice; ETag carries its revision; objectors' contacts are never shown" })
  async get(@Param('noticeId') noticeId: string, @Res({ passthrough: true }) res: Response) {
    const { view, revision } = await this.notices.load(noticeId);
    if (!view) throw new NotFoundException({ code: 'NOTICE.NOT_FOUND', detail: `Notice ${noticeId} is not published` });
    res.setHeader('ETag', `"${revision}"`);
    return { ...publicNoticeView(view), revision };
  }
}

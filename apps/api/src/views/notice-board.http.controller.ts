import { Controller, Get, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { pickGrant } from '@cobuild/auth';
import { noticeBoardProjection } from '@cobuild/projections';
import { CommunityDirectory } from '../commands/community-directory';
import { Allow } from '../http/allow.decorator';
import { forbidden } from '../http/forbidden';
import { IdParam } from '../http/id-param';
import type { AuthedRequest } from '../http/role.guard';
import { ReadModels } from '../read-models/read-models';
import { BoardQueryDto } from './view-query.dto';

/**
 * The notice board read model, for the community's staff. The public board stays at
 * GET /public/communities/{communityId}/notices (read from the notices' streams, so it shows a
 * notice the moment it is published).
 */
@ApiTags('views 记分卡与调度')
@Controller('communities/:communityId/board')
export class NoticeBoardHttpController {
  constructor(
    private readonly read: ReadModels,
    private readonly directory: CommunityDirectory,
  ) {}

  @Get()
  @Allow('community_secretary', 'community_staff', 'evaluator', 'district_admin', 'auditor')
  @ApiBearerAuth()
  @ApiOperation({ summary: "The community's notice board (公示栏), newest first: kind, title, log position, digest, objection period, objections with answers (never contacts), status" })
  @ApiOkResponse({ description: 'a page of notices with counts per status' })
  async list(@IdParam('communityId') communityId: string, @Query() q: BoardQueryDto, @Req() req: AuthedRequest) {
    const place = await this.directory.place(communityId);
    if (!pickGrant(req.principal!, req.allowedRoles!, place)) throw forbidden();
    const page = await this.read.list(
      noticeBoardProjection,
      { communityId, status: q.status ? [q.status] : undefined, order: 'desc', offset: q.offset, limit: q.limit },
      q.minPosition,
    );
    return { communityId, ...page };
  }
}

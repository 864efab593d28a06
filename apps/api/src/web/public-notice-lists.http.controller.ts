import { Controller, Get, NotFoundException, Param, UseGuards } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { needsListProjection, resourcesListProjection, tasksListProjection, type DocumentProjection } from '@cobuild/projections';
import { Public } from '../http/public.decorator';
import { NoticeReader } from '../notices/notice-reader';
import { ReadModels } from '../read-models/read-models';
import { publicListsThrottle } from './public-lists-throttle.guard';

/** the most rows of one list a notice shows (a community's lists are far smaller) */
const NOTICE_ROWS = 500;
/** notices whose lists are kept in memory (the lists as of a notice's log position never change) */
const KEPT_NOTICES = 200;

type NoticeLists = Record<string, { items: unknown[]; total: number; counts: Record<string, number> }>;

/** which lists a notice of each kind shows: the periodic notice all three; decisions and completions the task list */
const LISTS_OF_KIND: Record<string, Array<'needs' | 'resources' | 'tasks'>> = {
  periodic_lists: ['needs', 'resources', 'tasks'],
  meeting_decisions: ['tasks'],
  completions: ['tasks'],
  evaluation_results: [],
};

const PROJECTIONS: Record<'needs' | 'resources' | 'tasks', DocumentProjection<any>> = {
  needs: needsListProjection,
  resources: resourcesListProjection,
  tasks: tasksListProjection,
};

/**
 * The lists a public notice published (公示), as they stood at its log position, for the public
 * notice board and its print layout. Rows are the list projections' own, with personal data masked
 * (张* · 138****5678).
 */
@ApiTags('public notice board 公示栏')
@Controller('public/notices/:noticeId/lists')
export class PublicNoticeListsHttpController {
  /** by notice id and log position, least recently asked first out */
  private readonly kept = new Map<string, Promise<NoticeLists>>();

  constructor(
    private readonly notices: NoticeReader,
    private readonly read: ReadModels,
  ) {}

  @Get()
  @Public()
  @UseGuards(publicListsThrottle.guard)
  @ApiOperation({ summary: "The lists a published notice shows, exactly as they stood at the notice's log position (personal data masked)" })
  @ApiOkResponse({ description: '{ noticeId, communityId, kind, position, lists: { needs?, resources?, tasks? } } each with items, total and counts per status' })
  async get(@Param('noticeId') noticeId: string) {
    const { view } = await this.notices.load(noticeId);
    if (!view) throw new NotFoundException({ code: 'NOTICE.NOT_FOUND', detail: `Notice ${noticeId} is not published` });
    const position = Number(view.logPosition);
    const lists = await this.listsOf(noticeId, position, view.communityId, view.kind);
    return { noticeId, communityId: view.communityId, kind: view.kind, position, lists };
  }

  /** folded from the log once per notice (an as-of fold of the community's events), then kept */
  private listsOf(noticeId: string, position: number, communityId: string, kind: string): Promise<NoticeLists> {
    const key = `${noticeId}@${position}`;
    let lists = this.kept.get(key);
    if (lists) this.kept.delete(key);
    else {
      lists = (async () => {
        const out: NoticeLists = {};
        for (const name of LISTS_OF_KIND[kind] ?? []) {
          const page = await this.read.listAsOf(PROJECTIONS[name], { communityId, offset: 0, limit: NOTICE_ROWS }, { position });
          out[name] = { items: page.items, total: page.total, counts: page.counts };
        }
        return out;
      })();
      // a failed fold (store unavailable) is not kept: the next request folds again
      lists.catch(() => this.kept.delete(key));
    }
    this.kept.set(key, lists);
    while (this.kept.size > KEPT_NOTICES) this.kept.delete(this.kept.keys().next().value!);
    return lists;
  }
}

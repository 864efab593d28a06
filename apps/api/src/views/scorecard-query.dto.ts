import { IntersectionType, PickType } from '@nestjs/swagger';
import { ListPageQueryDto } from '../lists/list-query.dto';
import { ViewQueryDto } from './view-query.dto';

/** A scorecard live (after `minPosition`), or as it stood at a log position or an instant — the lists' `asOfPosition` / `asOf`. */
export class ScorecardQueryDto extends IntersectionType(ViewQueryDto, PickType(ListPageQueryDto, ['asOfPosition', 'asOf'] as const)) {}

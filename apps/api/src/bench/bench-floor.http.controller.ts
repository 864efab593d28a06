import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Public } from '../http/public.decorator';

/**
 * The framework floor for `npm run bench:api`: the same Nest app, body parsing, guards and filters,
 * answering a constant. Registered only when COBUILD_BENCH_FLOOR=1.
 */
@ApiExcludeController()
@Controller('bench')
export class BenchFloorHttpController {
  @Post('floor')
  @HttpCode(200)
  @Public()
  floor(@Body() _body: unknown): { ok: true } {
    return { ok: true };
  }
}

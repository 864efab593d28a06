import { Body, Controller, Get, HttpCode, Post, UseGuards, ValidationPipe } from '@nestjs/common';
import type { Principal } from '@cobuild/auth';
import { CurrentPrincipal } from './current-principal.decorator';
import { loginThrottle } from './login-throttle.guard';
import { LoginDto } from './login.dto';
import { LoginService, type AccessToken } from './login.service';
import { ApiExtension } from '@nestjs/swagger';
import { Public } from '../http/public.decorator';

@Controller('auth')
export class AuthHttpController {
  constructor(private readonly logins: LoginService) {}

  @Post('login')
  @Public()
  @HttpCode(200)
  @UseGuards(loginThrottle.guard)
  login(@Body(new ValidationPipe({ whitelist: true })) body: LoginDto): Promise<AccessToken> {
    return this.logins.login(body.username, body.password);
  }

  @Get('me')
  @ApiExtension('x-allowed-roles', ['authenticated'])
  me(@CurrentPrincipal() principal: Principal): Principal {
    return principal;
  }
}

import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { AccountsService } from '@cobuild/auth';
import { EVENT_STORE, type EventStore } from '@cobuild/event-store';
import { APP_CONFIG, type AppConfig } from '../../../common/src/config';
import { AuthHttpController } from './auth.http.controller';
import { BearerAuthGuard } from './bearer-auth.guard';
import { jwtOptions } from './jwt-options';
import { loginThrottle } from './login-throttle.guard';
import { LoginService } from './login.service';

const services = [
  { provide: AccountsService, inject: [EVENT_STORE], useFactory: (store: EventStore) => new AccountsService(store) },
  LoginService,
];
const guards = [
  BearerAuthGuard,
  ...loginThrottle.providers,
];

/**
 * Bearer authentication: POST /auth/login, GET /auth/me, the BearerAuthGuard and AccountsService.
 * Needs the global ConfigModule (APP_CONFIG) and EventStoreModule (EVENT_STORE). The app registers
 * the guard globally: `{ provide: APP_GUARD, useExisting: BearerAuthGuard }`.
 */
@Module({
  imports: [JwtModule.registerAsync({ inject: [APP_CONFIG], useFactory: (c: AppConfig) => jwtOptions(c) })],
  controllers: [AuthHttpController],
  providers: [...services, ...guards],
  exports: [AccountsService, BearerAuthGuard, JwtModule],
})
export class AuthModule {}

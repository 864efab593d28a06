import { Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { AccountsService } from '@cobuild/auth';
import { APP_CONFIG, type AppConfig } from '../../../common/src/config';

export interface AccessToken {
  accessToken: string;
  tokenType: 'Bearer';
  /** seconds */
  expiresIn: number;
}

/** Username + password → a signed bearer JWT (sub = account id, iss, exp); the grants stay in the account. */
@Injectable()
export class LoginService {
  constructor(
    private readonly accounts: AccountsService,
    private readonly jwt: JwtService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async login(username: string, password: string): Promise<AccessToken> {
    const principal = await this.accounts.verifyPassword(username, password);
    if (!principal) throw new UnauthorizedException({ code: 'AUTH.INVALID_CREDENTIALS', detail: 'Wrong username or password' });
    const accessToken = await this.jwt.signAsync({ sub: principal.accountId });
    return { accessToken, tokenType: 'Bearer', expiresIn: this.config.auth.jwtTtlSeconds };
  }
}

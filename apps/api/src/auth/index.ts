export * from './auth.module';
export * from './bearer-auth.guard';
export * from './public.decorator';
export * from './current-principal.decorator';
export * from './authenticated-request';
export * from './first-start-notice';
export * from './login.service';

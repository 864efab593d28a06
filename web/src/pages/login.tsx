import { useState, type FormEvent } from 'react';
import { useI18n } from '../i18n';
import { navigate, useLocation } from '../router';
import { useSession } from '../session';
import { Busy, Card, Field, FormProblem, useSubmit } from '../ui';
import { PublicBoardFinder } from './home';

export function LoginPage() {
  const { t } = useI18n();
  const session = useSession();
  const { path } = useLocation();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const form = useSubmit();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const ok = await form.run(async () => {
      await session.login(username, password);
      return true;
    });
    if (ok && path === '/login') navigate('/');
  };
  return (
    <div className="narrow stack">
      <Card title={t('login')}>
        <form onSubmit={submit} className="form" noValidate>
          <Field label={t('username')} errors={form.errorsOf('username')}>
            <input name="username" autoComplete="username" value={username} onChange={(e) => setUsername(e.target.value)} />
          </Field>
          <Field label={t('password')} errors={form.errorsOf('password')}>
            <input name="password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} />
          </Field>
          <FormProblem error={form.error} />
          <div className="actions">
            <Busy busy={form.busy}>{t('login')}</Busy>
          </div>
        </form>
      </Card>
      <PublicBoardFinder />
    </div>
  );
}

import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { api, token } from './api';

export type Role =
  | 'district_admin' | 'auditor' | 'street_admin' | 'community_secretary' | 'community_staff'
  | 'evaluator' | 'unit_contact' | 'department' | 'member';

export interface Grant {
  role: Role;
  scope: { kind: string; id: string };
}

export interface Principal {
  accountId: string;
  username: string;
  displayName: string;
  grants: Grant[];
}

interface Session {
  principal: Principal | null;
  ready: boolean;
  login: (username: string, password: string) => Promise<void>;
  logout: () => void;
  /** the scope ids the caller holds for these roles */
  scopes: (...roles: Role[]) => string[];
  has: (...roles: Role[]) => boolean;
}

const Ctx = createContext<Session | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [principal, setPrincipal] = useState<Principal | null>(null);
  const [ready, setReady] = useState(false);

  const load = useCallback(async () => {
    if (!token.get()) return setReady(true);
    try {
      setPrincipal(await api.get<Principal>('/auth/me'));
    } catch {
      token.set(null);
      setPrincipal(null);
    } finally {
      setReady(true);
    }
  }, []);

  useEffect(() => {
    void load();
    const expired = () => {
      token.set(null);
      setPrincipal(null);
    };
    window.addEventListener('cobuild:unauthorised', expired);
    return () => window.removeEventListener('cobuild:unauthorised', expired);
  }, [load]);

  const value: Session = {
    principal,
    ready,
    login: async (username, password) => {
      const answer = await api.post<{ accessToken: string }>('/auth/login', { username, password });
      token.set(answer.accessToken);
      setPrincipal(await api.get<Principal>('/auth/me'));
    },
    logout: () => {
      token.set(null);
      setPrincipal(null);
    },
    scopes: (...roles) => [...new Set((principal?.grants ?? []).filter((g) => roles.includes(g.role)).map((g) => g.scope.id))],
    has: (...roles) => (principal?.grants ?? []).some((g) => roles.includes(g.role)),
  };
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useSession(): Session {
  const v = useContext(Ctx);
  if (!v) throw new Error('SessionProvider missing');
  return v;
}

/** roles that see a community's three lists (the API's LIST_READERS) */
export const LIST_ROLES: Role[] = ['community_secretary', 'community_staff', 'evaluator', 'unit_contact', 'member', 'auditor', 'district_admin'];
export const STAFF_ROLES: Role[] = ['community_secretary', 'community_staff'];

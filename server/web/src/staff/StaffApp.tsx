/** The staff console: sign in, then the hall's queue, the terminal fleet and recent activity. */
import { useState } from 'react';
import { z } from 'zod';
import { StaffLoginResponse, type StaffView } from '../../../../contracts/queue';
import { staffRoutes } from '../../../../contracts/staff';
import { apiRequest } from '../shared/api';
import { AppointmentsPanel } from './AppointmentsPanel';
import { AuditPanel } from './AuditPanel';
import { FleetPanel } from './FleetPanel';
import { PaymentsPanel } from './PaymentsPanel';
import { LoginForm } from './LoginForm';
import { QueuePanel } from './QueuePanel';
import { UpdatesPanel } from './UpdatesPanel';

/** Kept in sessionStorage: gone when the tab closes, never in localStorage. */
const TOKEN_KEY = 'hall-staff-token';

interface Signed {
  token: string;
  staff: StaffView;
}

function storedSession(): Signed | null {
  try {
    const raw = sessionStorage.getItem(TOKEN_KEY);
    if (!raw) return null;
    const parsed = StaffLoginResponse.pick({ token: true, staff: true }).safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export function StaffApp() {
  const [signed, setSigned] = useState<Signed | null>(storedSession);

  const signIn = (s: Signed) => {
    sessionStorage.setItem(TOKEN_KEY, JSON.stringify(s));
    setSigned(s);
  };
  const signOut = () => {
    const token = signed?.token;
    sessionStorage.removeItem(TOKEN_KEY);
    setSigned(null);
    if (token) void apiRequest(staffRoutes.staffLogout, z.unknown(), { token }).catch(() => undefined);
  };

  if (!signed) return <LoginForm onSignedIn={signIn} />;
  return (
    <div className="staff">
      <header className="staff-top">
        <h1>
          大厅工作台 <span className="staff-hall">{signed.staff.hallName}</span>
        </h1>
        <p className="staff-who" data-testid="staff-who">
          {signed.staff.name}（{signed.staff.staffId}，{roleName[signed.staff.role]}）
          <a
            className="staff-link"
            href={`/display?hall=${encodeURIComponent(signed.staff.hallId)}`}
            target="_blank"
            rel="noreferrer"
          >
            打开叫号屏
          </a>
          <button type="button" className="btn btn-quiet" onClick={signOut}>
            退出登录
          </button>
        </p>
      </header>
      <main className="staff-main">
        <QueuePanel token={signed.token} onUnauthorized={signOut} />
        <div className="staff-side">
          <AppointmentsPanel token={signed.token} role={signed.staff.role} onUnauthorized={signOut} />
          <FleetPanel token={signed.token} role={signed.staff.role} onUnauthorized={signOut} />
          <PaymentsPanel token={signed.token} role={signed.staff.role} />
          {signed.staff.role !== 'clerk' && <UpdatesPanel token={signed.token} role={signed.staff.role} />}
          {signed.staff.role !== 'clerk' && <AuditPanel token={signed.token} />}
        </div>
      </main>
    </div>
  );
}

export const roleName: Record<StaffView['role'], string> = {
  clerk: '窗口人员',
  supervisor: '值班主管',
  admin: '管理员',
};

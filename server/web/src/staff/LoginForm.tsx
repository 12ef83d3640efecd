/** Staff sign-in: staff id and password; the server rate-limits wrong attempts. */
import { type FormEvent, useState } from 'react';
import { StaffLoginResponse, type StaffView } from '../../../../contracts/queue';
import { staffRoutes } from '../../../../contracts/staff';
import { apiRequest, errorText } from '../shared/api';

export function LoginForm({ onSignedIn }: { onSignedIn: (s: { token: string; staff: StaffView }) => void }) {
  const [staffId, setStaffId] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const r = await apiRequest(staffRoutes.staffLogin, StaffLoginResponse, {
        body: { staffId: staffId.trim(), password },
      });
      setPassword('');
      onSignedIn({ token: r.token, staff: r.staff });
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="login">
      <form className="login-form" onSubmit={submit} aria-labelledby="login-title">
        <h1 id="login-title">大厅工作台登录</h1>
        <label>
          工号
          <input
            name="staffId"
            autoComplete="username"
            value={staffId}
            onChange={(e) => setStaffId(e.target.value)}
            required
            maxLength={32}
          />
        </label>
        <label>
          密码
          <input
            name="password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            required
          />
        </label>
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {busy ? '正在登录…' : '登录'}
        </button>
      </form>
    </main>
  );
}

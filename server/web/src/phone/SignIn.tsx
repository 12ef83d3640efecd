/** The phone page's sign-in: ID number and mobile, then the six-digit SMS code. */
import { useEffect, useState } from 'react';
import { maskIdNumber } from '../../../../contracts/id-number';
import { type PhoneApi, type PhoneSession, IdInput, MobileInput } from './phone-api';
import { ErrorLine } from './errors';

const refusals = {
  wrong: '验证码不对，请再看一下短信',
  expired: '验证码已过期，请重新获取',
  tooManyTries: '验证码输错次数太多，请重新获取',
  noCode: '请先获取验证码（身份证号和手机号须与登记的一致）',
} as const;

export function SignIn({ api, onSession }: { api: PhoneApi; onSession: (s: PhoneSession) => void }) {
  const [idNumber, setIdNumber] = useState('');
  const [phone, setPhone] = useState('');
  const [code, setCode] = useState('');
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [resendAt, setResendAt] = useState(0);
  const [now, setNow] = useState(() => Date.now());
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  const id = idNumber.trim().toUpperCase();
  const mobile = phone.replace(/\s/g, '');
  const inputsOk = IdInput.safeParse(id).success && MobileInput.safeParse(mobile).success;
  const wait = Math.max(0, Math.ceil((resendAt - now) / 1000));

  const send = async () => {
    setBusy(true);
    setError(null);
    setMessage(null);
    try {
      const sent = await api.code(id, mobile);
      setSentTo(sent.maskedPhone);
      setResendAt(new Date(sent.resendAt).getTime());
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const verify = async () => {
    setBusy(true);
    setError(null);
    setMessage(null);
    try {
      const answer = await api.session(id, mobile, code.trim());
      if (answer.outcome === 'session') {
        const { outcome: _, ...session } = answer;
        onSession(session);
      } else setMessage(refusals[answer.reason]);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-label="登录">
      <h2>用手机验证码登录</h2>
      <label className="phone-field">
        身份证号
        <input
          inputMode="text"
          autoComplete="off"
          maxLength={18}
          value={sentTo ? maskIdNumber(id) : idNumber}
          readOnly={Boolean(sentTo)}
          onChange={(e) => setIdNumber(e.target.value)}
          name="idNumber"
        />
      </label>
      <label className="phone-field">
        手机号（登记在社保的号码）
        <input
          inputMode="numeric"
          autoComplete="tel"
          maxLength={13}
          value={sentTo ?? phone}
          readOnly={Boolean(sentTo)}
          onChange={(e) => setPhone(e.target.value)}
          name="phone"
        />
      </label>
      {sentTo ? (
        <>
          <p className="phone-sent" role="status">
            如果号码与登记的一致，验证码已发到 {sentTo}
          </p>
          <label className="phone-field">
            短信验证码（6位数字）
            <input
              inputMode="numeric"
              autoComplete="one-time-code"
              maxLength={6}
              value={code}
              onChange={(e) => {
                setCode(e.target.value.replace(/\D/g, ''));
                setMessage(null);
              }}
              name="code"
            />
          </label>
          {message && (
            <p className="phone-error" role="alert">
              {message}
            </p>
          )}
          {error ? <ErrorLine error={error} /> : null}
          <button type="button" className="phone-primary" disabled={busy || code.length !== 6} onClick={verify}>
            登录
          </button>
          <button type="button" className="phone-secondary" disabled={busy || wait > 0} onClick={send}>
            {wait > 0 ? `${wait} 秒后可重新获取` : '重新获取验证码'}
          </button>
          <button type="button" className="phone-secondary" onClick={() => setSentTo(null)}>
            改身份证号或手机号
          </button>
        </>
      ) : (
        <>
          {idNumber && !IdInput.safeParse(id).success && <p className="phone-muted">身份证号是 18 位</p>}
          {error ? <ErrorLine error={error} /> : null}
          <button type="button" className="phone-primary" disabled={busy || !inputsOk} onClick={send}>
            获取验证码
          </button>
        </>
      )}
    </section>
  );
}

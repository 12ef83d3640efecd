/**
 * Today's bookings (预约) beside the queue: time, category, masked name, state and the priority
 * ticket once checked in. Supervisors also see the slot rules and change capacity, hours and
 * whether a rule takes bookings, and close a day (休息日); every change is audited on the server.
 */
import { useEffect, useState } from 'react';
import {
  type AppointmentRule,
  AppointmentRule as AppointmentRuleSchema,
  AppointmentRulesView,
  type StaffAppointment,
  StaffAppointmentsView,
  appointmentRoutes,
} from '../../../../contracts/appointments';
import type { StaffRole } from '../../../../contracts/domain';
import { ApiError, apiRequest, errorText } from '../shared/api';
import { usePoll } from '../shared/use-poll';
import './appointments.css';

const POLL_MS = 5_000;

const statusName: Record<StaffAppointment['status'], string> = {
  booked: '待签到',
  checkedIn: '已签到',
  cancelled: '已取消',
  noShow: '爽约',
};

export function AppointmentsPanel({
  token,
  role,
  onUnauthorized,
}: {
  token: string;
  role: StaffRole;
  onUnauthorized: () => void;
}) {
  const { data, error } = usePoll(
    (signal) => apiRequest(appointmentRoutes.staffAppointments, StaffAppointmentsView, { token, signal }),
    POLL_MS,
    token,
  );
  useEffect(() => {
    if (error instanceof ApiError && error.code === 'unauthorized') onUnauthorized();
  }, [error, onUnauthorized]);
  const list = data?.appointments ?? [];
  const waiting = list.filter((a) => a.status === 'booked').length;
  return (
    <section className="panel appt-panel" aria-labelledby="appt-title" data-testid="appointments-panel">
      <h2 id="appt-title">
        今日预约 <span className="muted">{data ? `${list.length} 个，待签到 ${waiting} 个` : ''}</span>
      </h2>
      {error !== null && !data && <p className="form-error">{errorText(error)}</p>}
      <table className="table" data-testid="appointments-today">
        <thead>
          <tr>
            <th scope="col">时段</th>
            <th scope="col">业务</th>
            <th scope="col">姓名</th>
            <th scope="col">状态</th>
            <th scope="col">号码</th>
          </tr>
        </thead>
        <tbody>
          {list.length === 0 && (
            <tr>
              <td colSpan={5} className="muted">
                今天没有预约
              </td>
            </tr>
          )}
          {list.map((a) => (
            <tr key={a.appointmentId} className={`appt-row appt-row-${a.status}`}>
              <td className="num nowrap">{a.label}</td>
              <td>
                {a.categoryCode} <span className="muted">{a.windowGroup}</span>
              </td>
              <td>{a.maskedName}</td>
              <td>{statusName[a.status]}</td>
              <td className="ticket-number">{a.ticketNumber ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted appt-order">
        叫号顺序：已签到的预约号（Y 字头）优先；连续叫 3 个预约号后，若有现场号等候，先叫 1 个现场号。
      </p>
      {role !== 'clerk' && <RulesEditor token={token} />}
    </section>
  );
}

const weekdayNames = ['一', '二', '三', '四', '五', '六', '日'];

function RulesEditor({ token }: { token: string }) {
  const { data, refresh } = usePoll(
    (signal) => apiRequest(appointmentRoutes.staffAppointmentRules, AppointmentRulesView, { token, signal }),
    60_000,
    token,
  );
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const [holiday, setHoliday] = useState({ day: '', name: '' });

  const save = async (rule: AppointmentRule) => {
    setMessage(null);
    try {
      const { ruleId: _ruleId, ...input } = rule;
      await apiRequest(appointmentRoutes.staffSaveAppointmentRule, AppointmentRuleSchema, { token, body: input });
      setMessage({ text: `已保存 ${rule.categoryCode} ${rule.windowGroup} 的预约规则`, error: false });
    } catch (e) {
      setMessage({ text: errorText(e), error: true });
    } finally {
      refresh();
    }
  };
  const closeDay = async () => {
    setMessage(null);
    try {
      await apiRequest(appointmentRoutes.staffSetHoliday, AppointmentRulesView, {
        token,
        body: { day: holiday.day, name: holiday.name || '休息日', closed: true },
      });
      setMessage({ text: `${holiday.day} 已设为休息日，不再接受预约`, error: false });
    } catch (e) {
      setMessage({ text: errorText(e), error: true });
    } finally {
      refresh();
    }
  };

  return (
    <div className="appt-rules" data-testid="appointment-rules">
      <h3>预约规则（值班主管可改）</h3>
      {(data?.rules ?? []).map((r) => (
        <RuleRow key={r.ruleId} rule={r} onSave={save} />
      ))}
      <form
        className="appt-holiday"
        onSubmit={(e) => {
          e.preventDefault();
          void closeDay();
        }}
      >
        <label>
          休息日{' '}
          <input
            type="date"
            required
            value={holiday.day}
            onChange={(e) => setHoliday({ ...holiday, day: e.target.value })}
          />
        </label>
        <label>
          名称{' '}
          <input
            type="text"
            maxLength={40}
            placeholder="休息日"
            value={holiday.name}
            onChange={(e) => setHoliday({ ...holiday, name: e.target.value })}
          />
        </label>
        <button type="submit" className="btn">
          设为休息日
        </button>
      </form>
      {(data?.holidays.length ?? 0) > 0 && (
        <p className="muted">已设休息日：{data!.holidays.map((h) => `${h.day} ${h.name}`).join('，')}</p>
      )}
      <p className={message?.error ? 'form-error' : 'form-note'} role="status">
        {message?.text ?? ''}
      </p>
    </div>
  );
}

function RuleRow({ rule, onSave }: { rule: AppointmentRule; onSave: (r: AppointmentRule) => Promise<void> }) {
  const [draft, setDraft] = useState(rule);
  const num = (key: 'capacity' | 'slotMinutes' | 'horizonDays' | 'cutoffMinutes') => (
    <input
      type="number"
      min={0}
      className="appt-num"
      aria-label={key}
      value={draft[key]}
      onChange={(e) => setDraft({ ...draft, [key]: Number(e.target.value) })}
    />
  );
  return (
    <form
      className="appt-rule"
      data-testid={`rule-${rule.categoryCode}`}
      onSubmit={(e) => {
        e.preventDefault();
        void onSave(draft);
      }}
    >
      <strong>
        {rule.categoryCode} {rule.windowGroup}
      </strong>
      <span>
        星期
        {weekdayNames.map((w, i) => (
          <label key={w} className="appt-weekday">
            <input
              type="checkbox"
              checked={draft.weekdays.includes(String(i + 1))}
              onChange={(e) => {
                const days = new Set(draft.weekdays.split(''));
                if (e.target.checked) days.add(String(i + 1));
                else days.delete(String(i + 1));
                setDraft({ ...draft, weekdays: [...days].sort().join('') });
              }}
            />
            {w}
          </label>
        ))}
      </span>
      <label>
        <input type="time" value={draft.opensAt} onChange={(e) => setDraft({ ...draft, opensAt: e.target.value })} />至
        <input type="time" value={draft.closesAt} onChange={(e) => setDraft({ ...draft, closesAt: e.target.value })} />
      </label>
      <label>每段 {num('slotMinutes')} 分钟</label>
      <label>每段 {num('capacity')} 人</label>
      <label>可约 {num('horizonDays')} 天内</label>
      <label>提前 {num('cutoffMinutes')} 分钟截止</label>
      <label>
        <input
          type="checkbox"
          checked={draft.active}
          onChange={(e) => setDraft({ ...draft, active: e.target.checked })}
        />
        开放预约
      </label>
      <button type="submit" className="btn btn-primary">
        保存
      </button>
    </form>
  );
}

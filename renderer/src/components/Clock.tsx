/** The hall's local time and date, large enough to read from a step away. */
import { useI18n } from '../i18n';
import { useHallTimeZone } from '../i18n/hall-time-zone';
import './Clock.css';

export function Clock({ now }: { now: number }) {
  const { locale } = useI18n();
  const timeZone = useHallTimeZone();
  const date = new Date(now);
  const time = new Intl.DateTimeFormat(locale, {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(date);
  const day = new Intl.DateTimeFormat(locale, {
    timeZone,
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    weekday: 'long',
  }).format(date);
  return (
    <div className="clock">
      <time className="clock__time" dateTime={date.toISOString()}>
        {time}
      </time>
      <span className="clock__date">{day}</span>
    </div>
  );
}

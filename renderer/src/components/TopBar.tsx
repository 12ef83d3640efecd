/** The header on every screen: hall name, clock or session countdown, language, voice, and exit in a session. */
import { useRef } from 'react';
import { useI18n } from '../i18n';
import { emblemTap } from '../maintenance/gesture';
import { Clock } from './Clock';
import { EmblemIcon, ExitIcon, GlobeIcon, SpeakerIcon } from './icons';
import './TopBar.css';

export interface TopBarProps {
  hallName: string | null;
  /** The hall's name in English, shown whole in English mode when the hall server has one. */
  hallNameEn?: string | null;
  now: number;
  /** Seconds left in the session, when one is shown; otherwise the clock. */
  secondsLeft: number | null;
  muted: boolean;
  onSwitchLanguage(): void;
  onToggleMute(): void;
  /** Shown only while a session is open. */
  onExit: (() => void) | null;
  /** The hidden staff gesture (five taps on the emblem within 3 s) was made. */
  onMaintenance?: () => void;
}

/**
 * A hall's full name often leads with its bureau (`广州市天河区人力资源和社会保障局 天河区人社服务大厅`):
 * the hall itself is the big line, the bureau the small one under it, so a narrow header never
 * wraps the name over three lines.
 */
export function splitHallName(full: string): { hall: string; bureau: string | null } {
  const at = full.trim().lastIndexOf(' ');
  if (at <= 0) return { hall: full.trim(), bureau: null };
  return { hall: full.slice(at + 1).trim(), bureau: full.slice(0, at).trim() };
}

export function TopBar({
  hallName,
  hallNameEn = null,
  now,
  secondsLeft,
  muted,
  onSwitchLanguage,
  onToggleMute,
  onExit,
  onMaintenance,
}: TopBarProps) {
  const { t, locale } = useI18n();
  const taps = useRef<number[]>([]);
  // The English name is one line (it has spaces of its own); the Chinese one is "bureau hall".
  const name =
    locale === 'en' && hallNameEn ? { hall: hallNameEn, bureau: null } : splitHallName(hallName ?? t.hallFallback);
  // Not a button: citizens should find nothing to press here; staff know the gesture.
  const onEmblem = () => {
    const next = emblemTap(taps.current, Date.now());
    taps.current = next.taps;
    if (next.open) onMaintenance?.();
  };
  return (
    <header className="top-bar">
      <div className="brand">
        <span className="brand__emblem" data-testid="emblem" onPointerDown={onEmblem}>
          <EmblemIcon />
        </span>
        <div className="brand__text">
          <span className="brand__hall">{name.hall}</span>
          <span className="brand__sub">{name.bureau ?? t.selfService}</span>
        </div>
      </div>
      <div className="top-bar__middle">
        {secondsLeft === null ? (
          <Clock now={now} />
        ) : (
          <span className="countdown-pill" data-testid="countdown">
            {t.session.remaining(secondsLeft)}
          </span>
        )}
      </div>
      <div className="top-bar__actions">
        <button
          type="button"
          className="btn btn--secondary btn--on-dark"
          data-testid="language-switch"
          onClick={onSwitchLanguage}
        >
          <GlobeIcon />
          <span lang={t.controls.otherLanguageLang}>{t.controls.otherLanguage}</span>
        </button>
        <button
          type="button"
          className="btn btn--secondary btn--on-dark"
          data-testid="mute-button"
          aria-pressed={muted}
          onClick={onToggleMute}
        >
          <SpeakerIcon muted={muted} />
          <span>{muted ? t.controls.unmute : t.controls.mute}</span>
        </button>
        {onExit && (
          <button type="button" className="btn btn--primary btn--on-dark" data-testid="exit-button" onClick={onExit}>
            <ExitIcon />
            <span>{t.session.exit}</span>
          </button>
        )}
      </div>
    </header>
  );
}

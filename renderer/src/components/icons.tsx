/** Small decorative icons (always next to text, never the only label). */
const common = { 'aria-hidden': true, focusable: false, className: 'icon' } as const;

export function EmblemIcon() {
  return (
    <svg {...common} viewBox="0 0 64 64" className="emblem">
      <circle cx="32" cy="32" r="30" fill="#ffffff" />
      <circle cx="32" cy="22" r="8" fill="#0a4c94" />
      <path d="M14 50c2-11 9-17 18-17s16 6 18 17z" fill="#0a4c94" />
    </svg>
  );
}

export function SpeakerIcon({ muted }: { muted: boolean }) {
  return (
    <svg {...common} viewBox="0 0 48 48">
      <path d="M6 18h9l11-9v30l-11-9H6z" fill="currentColor" />
      {muted ? (
        <path d="M33 17l12 14M45 17L33 31" stroke="currentColor" strokeWidth="4" strokeLinecap="round" />
      ) : (
        <path
          d="M32 16c4 4 4 12 0 16M37 11c7 7 7 19 0 26"
          stroke="currentColor"
          strokeWidth="4"
          fill="none"
          strokeLinecap="round"
        />
      )}
    </svg>
  );
}

export function GlobeIcon() {
  return (
    <svg {...common} viewBox="0 0 48 48">
      <g fill="none" stroke="currentColor" strokeWidth="3.5">
        <circle cx="24" cy="24" r="19" />
        <ellipse cx="24" cy="24" rx="8" ry="19" />
        <path d="M5 24h38M8 14h32M8 34h32" />
      </g>
    </svg>
  );
}

export function ExitIcon() {
  return (
    <svg {...common} viewBox="0 0 48 48">
      <g fill="none" stroke="currentColor" strokeWidth="4" strokeLinecap="round" strokeLinejoin="round">
        <path d="M20 8H9v32h11" />
        <path d="M22 24h20M34 15l9 9-9 9" />
      </g>
    </svg>
  );
}

export function PhoneIcon() {
  return (
    <svg {...common} viewBox="0 0 48 48">
      <path d="M14 6l7 9-4 5c2 5 6 9 11 11l5-4 9 7-4 7C23 41 7 25 7 10z" fill="currentColor" />
    </svg>
  );
}

export function AlertIcon() {
  return (
    <svg {...common} viewBox="0 0 120 120" className="icon big-icon">
      <circle cx="60" cy="60" r="56" fill="#fdecea" stroke="#a4161a" strokeWidth="6" />
      <rect x="53" y="26" width="14" height="46" rx="7" fill="#a4161a" />
      <circle cx="60" cy="90" r="8" fill="#a4161a" />
    </svg>
  );
}

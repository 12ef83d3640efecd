import './CardIllustration.css';
/** An ID card settling onto the card reader, drawn in SVG (no image files, nothing fetched). */
export function CardIllustration({ disabled = false }: { disabled?: boolean }) {
  return (
    <svg
      aria-hidden="true"
      focusable="false"
      viewBox="0 0 600 460"
      className={`card-illustration${disabled ? ' is-disabled' : ''}`}
    >
      {/* the reader */}
      <rect x="40" y="300" width="520" height="130" rx="28" fill="#22384f" />
      <rect x="110" y="318" width="380" height="70" rx="14" fill="#35526f" />
      <g fill="none" stroke="#9cc3ea" strokeWidth="6" strokeLinecap="round">
        <path d="M282 353a18 18 0 0 1 36 0" />
        <path d="M268 353a32 32 0 0 1 64 0" />
      </g>
      <circle cx="300" cy="353" r="6" fill="#9cc3ea" />
      {/* the card, moving down onto the reader */}
      <g className="card-illustration__card">
        <rect x="130" y="40" width="340" height="214" rx="18" fill="#eaf3ff" stroke="#0a4c94" strokeWidth="6" />
        <rect x="362" y="74" width="78" height="100" rx="8" fill="#b9d3f0" />
        <circle cx="401" cy="108" r="18" fill="#6f98c6" />
        <path d="M372 168c4-22 16-32 29-32s25 10 29 32z" fill="#6f98c6" />
        <rect x="160" y="78" width="150" height="16" rx="8" fill="#7d95b0" />
        <rect x="160" y="110" width="120" height="14" rx="7" fill="#a7b8cb" />
        <rect x="160" y="138" width="170" height="14" rx="7" fill="#a7b8cb" />
        <rect x="160" y="210" width="280" height="18" rx="9" fill="#7d95b0" />
      </g>
      {/* the arrow */}
      <g className="card-illustration__arrow" fill="#0a4c94">
        <rect x="522" y="80" width="22" height="120" rx="11" />
        <path d="M498 190h70l-35 48z" />
      </g>
    </svg>
  );
}

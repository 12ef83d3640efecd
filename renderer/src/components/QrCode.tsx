/** A QR code drawn as one SVG path (nothing fetched, no canvas): for a phone to open `text`. */
import { create } from 'qrcode';
import { useMemo } from 'react';

/** Quiet zone in modules, as the QR standard asks (4). */
const MARGIN = 4;

export function QrCode({ text, label, testId }: { text: string; label: string; testId?: string }) {
  const { size, path } = useMemo(() => {
    const { modules } = create(text, { errorCorrectionLevel: 'M' });
    let d = '';
    for (let y = 0; y < modules.size; y++)
      for (let x = 0; x < modules.size; x++) if (modules.get(x, y)) d += `M${x + MARGIN} ${y + MARGIN}h1v1h-1z`;
    return { size: modules.size + 2 * MARGIN, path: d };
  }, [text]);
  return (
    <svg
      className="qr-code"
      role="img"
      aria-label={label}
      data-testid={testId}
      data-qr-text={text}
      viewBox={`0 0 ${size} ${size}`}
      shapeRendering="crispEdges"
    >
      <rect width={size} height={size} fill="#fff" />
      <path d={path} fill="#000" />
    </svg>
  );
}

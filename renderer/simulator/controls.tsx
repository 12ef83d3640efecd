/** Small pieces of the simulator page: a device's cable buttons, and an SVG as an image URL. */
import type { SimulatedDevice } from '../../contracts';

/** Unplug / replug buttons for one device (`sim-unplug-<device>`, `sim-replug-<device>`). */
export function PlugButtons({
  device,
  unplugged,
  onPlug,
}: {
  device: SimulatedDevice;
  unplugged: boolean;
  onPlug: (device: SimulatedDevice, unplug: boolean) => void;
}) {
  return (
    <>
      <button
        type="button"
        data-testid={`sim-unplug-${device}`}
        disabled={unplugged}
        onClick={() => onPlug(device, true)}
      >
        拔出 / Unplug
      </button>
      <button
        type="button"
        data-testid={`sim-replug-${device}`}
        disabled={!unplugged}
        onClick={() => onPlug(device, false)}
      >
        插回 / Replug
      </button>
    </>
  );
}

/** A `data:` URL for an SVG string (UTF-8, base64; the page's CSP allows data: images). */
export function svgDataUrl(svg: string): string {
  const bytes = new TextEncoder().encode(svg);
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return `data:image/svg+xml;base64,${btoa(binary)}`;
}

// A byte stream carried in fixed-size HID reports. Vendor framings vary, and we
// found no public document of any Chinese GA 467 reader's HID framing (their SDKs
// hide it behind a DLL). We implement the common layout for serial-style data over
// HID, the one public scanner documentation spells out (Microscan's "HID report
// format": report id, a length byte, up to 62 data bytes, NUL padded, both ways):
//
//   [reportId] [length] [payload ... length bytes] [00 ... padding]
//
// Another documented scheme, Silicon Labs' CP2110 HID-to-UART bridge (AN434), puts
// the length in the report id itself (ids 0x01-0x3F); a reader built on it would
// need a second framing here. Check a real reader's report descriptor before use.
//
// `reportSize` counts the id byte, i.e. it is the size of node-hid's write buffer.
// A device without numbered reports (reportId 0) never sees the id byte (hidapi
// strips it on write) and never sends one, so its input reports arrive as
// [length] [payload] [padding], reportSize - 1 bytes.

/** How reports are laid out. */
export interface HidFraming {
  /** Bytes in an output report as node-hid's write() takes them, id byte included (default 64). */
  reportSize: number;
  /** Report id; 0 for a device without numbered reports (default 0). */
  reportId: number;
}

/** Why a report could not be unpacked. */
export class HidReportError extends Error {
  override readonly name = 'HidReportError';
  readonly code = 'badReport';
}

/** Payload bytes that fit one report. */
export const payloadCapacity = (framing: HidFraming): number => framing.reportSize - 2;

/** Throws a RangeError for a framing no device can have (a configuration bug, not a device fault). */
export function checkFraming(framing: HidFraming): HidFraming {
  const { reportSize, reportId } = framing;
  if (!Number.isInteger(reportSize) || reportSize < 3 || reportSize > 257) {
    throw new RangeError(`HID report size ${reportSize} outside 3..257 (the length byte counts to 255)`);
  }
  if (!Number.isInteger(reportId) || reportId < 0 || reportId > 255) {
    throw new RangeError(`HID report id ${reportId} outside 0..255`);
  }
  return framing;
}

function encode(bytes: Uint8Array, framing: HidFraming, withId: boolean): Uint8Array[] {
  const capacity = payloadCapacity(framing);
  const head = withId ? 1 : 0;
  const reports: Uint8Array[] = [];
  for (let at = 0; at < bytes.length; at += capacity) {
    const chunk = bytes.subarray(at, at + capacity);
    const report = new Uint8Array(framing.reportSize - 1 + head);
    if (withId) report[0] = framing.reportId;
    report[head] = chunk.length;
    report.set(chunk, head + 1);
    reports.push(report);
  }
  return reports;
}

function decode(report: Uint8Array, framing: HidFraming, withId: boolean): Uint8Array | HidReportError {
  const head = withId ? 1 : 0;
  if (report.length < head + 1) return new HidReportError(`HID report of ${report.length} bytes has no length byte`);
  if (withId && report[0] !== framing.reportId) {
    return new HidReportError(`HID report id ${report[0]} is not ${framing.reportId}`);
  }
  const length = report[head]!;
  if (length > payloadCapacity(framing) || head + 1 + length > report.length) {
    return new HidReportError(`HID report claims ${length} payload bytes in ${report.length - head - 1}`);
  }
  return report.slice(head + 1, head + 1 + length);
}

/** Host side: splits bytes into output reports for node-hid's write(). */
export const encodeOutputReports = (bytes: Uint8Array, framing: HidFraming): Uint8Array[] =>
  encode(bytes, framing, true);

/** Host side: the payload of an input report as node-hid delivers it, or why not. */
export const decodeInputReport = (report: Uint8Array, framing: HidFraming): Uint8Array | HidReportError =>
  decode(report, framing, framing.reportId !== 0);

/** Device side (simulators): splits bytes into input reports as the host will receive them. */
export const encodeInputReports = (bytes: Uint8Array, framing: HidFraming): Uint8Array[] =>
  encode(bytes, framing, framing.reportId !== 0);

/** Device side (simulators): the payload of an output report as the host wrote it. */
export const decodeOutputReport = (report: Uint8Array, framing: HidFraming): Uint8Array | HidReportError =>
  decode(report, framing, true);

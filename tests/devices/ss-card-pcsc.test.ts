// The PC/SC transport and the social security card driver against a real pcscd (vsmartcard's
// virtual reader, our card personality in vicc), and the pure parts: reader names, PC/SC errors.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SsCardReaderDriver } from '../../devices/ss-card/driver';
import { encodeSimpleTlv } from '../../devices/ss-card/tlv';
import { loadPcscBinding, type PcscBinding } from '../../devices/ss-card/pcsc/binding';
import { classifyPcscError } from '../../devices/ss-card/pcsc/pcsc-errors';
import { pickReader } from '../../devices/ss-card/pcsc/reader-name';
import { PcscApduTransport } from '../../devices/ss-card/pcsc/transport';
import { ApduTransportError } from '../../devices/ss-card/transport';
import { createSsCardReader } from '../../host/device-manager/ss-card-reader';
import { Listeners } from '../../host/device-manager/managed-device';
import { demoSsCard } from '../../host/simulator/simulator-service';
import { demoPeople } from '../../server/seed/demo-people';
import { startPcscLab, type PcscLab, type VirtualCard } from './pcsc/pcsc-lab';

process.env.KIOSK_LOG = 'silent';

describe('reader names and PC/SC errors (pure)', () => {
  const names = ['Generic Contactless Pad 00 00', 'Generic CCID Contact Slot 00 00', 'Generic CCID SAM 00 01'];
  it('picks the first reader matching the pattern: part of the name, or a glob, any case', () => {
    expect(pickReader(names, 'contact slot')).toBe(names[1]);
    expect(pickReader(names, '*SAM*')).toBe(names[2]);
    expect(pickReader(names, 'Generic*00 00')).toBe(names[0]);
    expect(pickReader(names, 'Omnikey')).toBeNull();
    expect(pickReader(names, undefined)).toBe(names[0]);
    expect(pickReader([], undefined)).toBeNull();
    expect(pickReader(['Reader (1)'], 'reader (1)')).toBe('Reader (1)'); // brackets are literal
  });
  it('classifies the binding’s error text', () => {
    expect(classifyPcscError(new Error('Card was removed'))).toBe('cardRemoved');
    expect(classifyPcscError(new Error('PC/SC service not running'))).toBe('serviceGone');
    expect(classifyPcscError(new Error('Sharing violation'))).toBe('sharingViolation');
    expect(classifyPcscError(new Error('No smart card present'))).toBe('noCard');
    expect(classifyPcscError(new Error('Reader unavailable'))).toBe('readerUnavailable');
  });
  it('without the binding a pcsc reader says so in its health, and the PIN check fails plainly', async () => {
    const health = new Listeners<[unknown]>();
    const reader = createSsCardReader({
      source: { kind: 'pcsc', loadBinding: () => ({ ok: false, reason: 'pcscBindingMissing', detail: 'not found' }) },
      cards: new Listeners(),
      removed: new Listeners(),
      health: health as never,
    });
    await reader.start();
    expect(reader.health()).toEqual({ device: 'ssCardReader', state: 'failed', reason: 'pcscBindingMissing' });
    expect(await reader.verifyPin('123456')).toEqual({ status: 'failed', reason: 'pcscBindingMissing' });
  });
});

describe('the PC/SC transport through pcscd', () => {
  let lab: PcscLab;
  let binding: PcscBinding;
  let transport: PcscApduTransport;
  let driver: SsCardReaderDriver;
  let card: VirtualCard | null = null;
  const sent: string[] = [];

  beforeAll(async () => {
    lab = await startPcscLab('HRSS Test Reader');
    const loaded = loadPcscBinding();
    if (!loaded.ok) throw new Error(`the smartcard binding must be built for these tests: ${loaded.detail}`);
    binding = loaded.binding;
    transport = new PcscApduTransport(binding, { reader: '*00 01' });
    const transmit = transport.transmit.bind(transport);
    transport.transmit = (apdu) => {
      sent.push(Buffer.from(apdu).toString('hex'));
      return transmit(apdu);
    };
    driver = new SsCardReaderDriver(transport);
    transport.start();
    await until(() => transport.isOpen, 'reader found');
  });
  afterEach(async () => {
    await card?.pull();
    card = null;
    await until(() => !transport.cardPresent(), 'card out');
    sent.length = 0;
  });
  afterAll(async () => {
    driver?.dispose();
    await transport?.close();
    await lab?.stop();
  });

  it('uses the slot the pattern names, not the first one', () => {
    expect(lab.readerNames[0]).toBe('HRSS Test Reader 00 00');
    expect(transport.readerName).toBe('HRSS Test Reader 00 01');
  });

  it.each(['T0', 'T1'] as const)(
    'reads a %s card: the protocol the card offers, 61xx answered by GET RESPONSE',
    async (protocol) => {
      const person = demoPeople[2]!;
      card = await lab.insertCard(1, demoSsCard(person), { protocol });
      await until(() => driver.card !== null, 'card read');
      expect(driver.card).toMatchObject({ name: person.name, idNumber: person.idNumber });
      expect(transport.protocol).toBe(protocol);
      // T=0: SELECT SSSE is answered 61 13 and fetched with GET RESPONSE; T=1 carries it at once.
      expect(sent.includes('00c0000013')).toBe(protocol === 'T0');
    },
  );

  it('resends with the length a 6Cxx names (a card whose name record is shorter than the norm)', async () => {
    const image = demoSsCard(demoPeople[3]!);
    const shortName = encodeSimpleTlv(0x09, Buffer.from('CHEN XIAOYU'));
    card = await lab.insertCard(1, { ...image, cardNo: 'S6C000001' }, { records: { 0xef06: { 9: shortName } } });
    await until(() => driver.card !== null, 'card read');
    expect(driver.card?.name).toBe('CHEN XIAOYU');
    expect(sent).toContain('00b2090420'); // Le 32 as the norm says, answered 6C 0D
    expect(sent).toContain('00b209040d'); // and sent again with Le 13
  });

  it('has no PIN pad on vpcd (its driver has no SCardControl)', async () => {
    card = await lab.insertCard(1, demoSsCard(demoPeople[0]!));
    await until(() => driver.card !== null, 'card read');
    expect(driver.hasPinPad).toBe(false);
  });

  it('holds the card exclusively while it is in: another program cannot connect', async () => {
    card = await lab.insertCard(1, demoSsCard(demoPeople[0]!));
    await until(() => driver.card !== null, 'card read');
    const other = new binding.Context();
    try {
      const reader = other.listReaders().find((r) => r.name === transport.readerName)!;
      await expect(reader.connect(2 /* SCARD_SHARE_SHARED */, 3)).rejects.toThrow(/sharing violation/i);
    } finally {
      other.close();
    }
  });

  it('refuses an extended-length APDU before it reaches the card', async () => {
    card = await lab.insertCard(1, demoSsCard(demoPeople[0]!));
    await until(() => driver.card !== null, 'card read');
    const extended = Uint8Array.of(0x00, 0xb0, 0x00, 0x00, 0x00, 0x01, 0x00, 0xaa);
    await expect(transport.transmit(extended)).rejects.toEqual(
      new ApduTransportError('extendedLength', 'extended-length APDUs are not sent to the card'),
    );
  });

  it('pcscd restarted: close with an error, then open again within 5 s, and a card is read again', async () => {
    card = await lab.insertCard(1, demoSsCard(demoPeople[0]!));
    await until(() => driver.card !== null, 'card read');
    const closed: Array<Error | undefined> = [];
    const off = transport.on('close', (error) => closed.push(error));
    await lab.stopPcscd();
    await until(() => !transport.isOpen, 'reader lost');
    expect(closed[0]?.message).toMatch(/went away/); // with an error: nobody asked it to close
    expect(driver.card).toBeNull();
    expect(driver.health).toEqual({ state: 'failed', reason: 'disconnected' });
    await lab.startPcscd();
    const back = Date.now();
    await until(() => transport.isOpen, 'reader back', 5000);
    expect(Date.now() - back).toBeLessThan(5000);
    expect(driver.health).toEqual({ state: 'ok' });
    // vicc's connection ended with the old pcscd's vpcd: the card is put in again.
    card = await lab.insertCard(1, demoSsCard(demoPeople[0]!));
    await until(() => driver.card !== null, 'card read after the restart');
    off();
  });
});

async function until(check: () => boolean, what: string, ms = 8000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`never happened: ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('PIN pad (PC/SC part 10) over a binding double: vpcd has no SCardControl', () => {
  const T = { PRESENT: 0x20, EMPTY: 0x10, CHANGED: 0x2 };
  const VERIFY_PIN_DIRECT = 0x42330006;
  const atr = Buffer.from('3b6c0000535345330000000000000000', 'hex');

  /** A one-reader binding whose card answers SELECT with 9000 and whose pad "types" `typed`. */
  function padBinding(typed: () => string | 'cancel', controls: Buffer[]): PcscBinding {
    const card = {
      protocol: 1,
      async transmit(command: Buffer) {
        return command[1] === 0xa4 ? Buffer.from([0x90, 0x00]) : Buffer.from([0x6d, 0x00]);
      },
      async control(code: number, data?: Buffer) {
        if (code === 0x42000d48) return Buffer.from([0x06, 0x04, 0x42, 0x33, 0x00, 0x06]); // GET_FEATURE_REQUEST
        if (code !== VERIFY_PIN_DIRECT || !data) throw new Error('Invalid parameter');
        controls.push(Buffer.from(data));
        const pin = typed();
        if (pin === 'cancel') return Buffer.from([0x64, 0x01]);
        return pin === '123456' ? Buffer.from([0x90, 0x00]) : Buffer.from([0x63, 0xc2]);
      },
      disconnect() {},
    };
    const reader = { name: 'Pinpad Reader 00 00', state: T.PRESENT, atr, connect: async () => card };
    let told = false;
    class Context {
      isValid = true;
      listReaders = () => [reader];
      async waitForChange() {
        if (told) return new Promise<[]>((r) => setTimeout(() => r([]), 50));
        told = true;
        return [{ name: reader.name, state: T.PRESENT | T.CHANGED, changed: true, atr }];
      }
      cancel() {}
      close() {}
    }
    return {
      Context,
      SCARD_SHARE_EXCLUSIVE: 1,
      SCARD_PROTOCOL_T0: 1,
      SCARD_PROTOCOL_T1: 2,
      SCARD_RESET_CARD: 1,
      SCARD_STATE_CHANGED: T.CHANGED,
      SCARD_STATE_UNKNOWN: 0x4,
      SCARD_STATE_UNAVAILABLE: 0x8,
      SCARD_STATE_EMPTY: T.EMPTY,
      SCARD_STATE_PRESENT: T.PRESENT,
      SCARD_STATE_MUTE: 0x200,
      CM_IOCTL_GET_FEATURE_REQUEST: 0x42000d48,
    } as unknown as PcscBinding;
  }

  it('finds FEATURE_VERIFY_PIN_DIRECT and sends the PIN_VERIFY_STRUCTURE for a 6-digit BCD VERIFY', async () => {
    let typed: string | 'cancel' = '111111';
    const controls: Buffer[] = [];
    const transport = new PcscApduTransport(padBinding(() => typed, controls));
    const driver = new SsCardReaderDriver(transport);
    transport.start();
    await until(() => transport.cardPresent(), 'card connected');
    expect(driver.hasPinPad).toBe(true);

    const wrong = await driver.verifyPinOnPad();
    expect(wrong).toMatchObject({ ok: false, error: { code: 'wrongPin', triesLeft: 2 } });
    // bTimerOut 30 s twice, BCD left-justified, 3-byte block, 6..6 digits, OK key, 1 message,
    // zh-CN, ulDataLength 8, then VERIFY with three placeholder bytes.
    expect(controls[0]!.toString('hex')).toBe('1e1e8103000606020104080000000008000000' + '0020000003000000');
    typed = 'cancel';
    expect(await driver.verifyPinOnPad()).toMatchObject({ ok: false, error: { code: 'pinEntryCancelled' } });
    typed = '123456';
    expect(await driver.verifyPinOnPad()).toEqual({ ok: true, value: undefined });
    driver.dispose();
    await transport.close();
  });
});

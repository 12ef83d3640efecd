import { describe, expect, it } from 'vitest';
import { messages } from '../../renderer/src/i18n';
import { deviceNotices } from '../../renderer/src/screens/device-notices';

const zh = messages['zh-CN'];

describe('device notices on the attract screen', () => {
  it('says why printing is paused, in plain words', () => {
    expect(
      deviceNotices(zh, [
        { device: 'receiptPrinter', state: 'failed', reason: 'paperOut' },
        { device: 'ssCardReader', state: 'failed', reason: 'notSupportedHere' },
      ]),
    ).toEqual(['打印机缺纸，暂停打印服务', '社保卡读卡器暂时无法使用，请使用身份证']);
    expect(deviceNotices(zh, [{ device: 'receiptPrinter', state: 'failed', reason: 'coverOpen' }])).toEqual([
      '打印机仓盖打开，暂停打印服务',
    ]);
    expect(deviceNotices(zh, [{ device: 'receiptPrinter', state: 'failed', reason: 'disconnected' }])).toEqual([
      '打印机未连接，暂停打印服务',
    ]);
    expect(deviceNotices(messages.en, [{ device: 'receiptPrinter', state: 'failed', reason: 'paperOut' }])).toEqual([
      'The printer is out of paper. Printing is paused.',
    ]);
  });

  it('says nothing for healthy or degraded devices, or for the ID card reader (it has its own screen)', () => {
    expect(
      deviceNotices(zh, [
        { device: 'receiptPrinter', state: 'degraded', reason: 'paperNearEnd' },
        { device: 'qrScanner', state: 'ok' },
        { device: 'idCardReader', state: 'failed', reason: 'disconnected' },
      ]),
    ).toEqual([]);
  });
});

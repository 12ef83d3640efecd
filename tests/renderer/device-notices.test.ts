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
    ).toEqual(['小票打印机缺纸，暂停打印小票；排队号显示在屏幕上', '社保卡读卡器暂时无法使用，请使用身份证']);
    expect(deviceNotices(zh, [{ device: 'receiptPrinter', state: 'failed', reason: 'coverOpen' }])).toEqual([
      '小票打印机仓盖打开，暂停打印小票；排队号显示在屏幕上',
    ]);
    expect(deviceNotices(zh, [{ device: 'receiptPrinter', state: 'failed', reason: 'disconnected' }])).toEqual([
      '小票打印机未连接，暂停打印小票；排队号显示在屏幕上',
    ]);
    expect(deviceNotices(messages.en, [{ device: 'receiptPrinter', state: 'failed', reason: 'paperOut' }])).toEqual([
      'The receipt printer is out of paper. Receipts are paused; queue numbers are shown on screen.',
    ]);
  });

  it('names which printer: the receipt printer or the A4 printer', () => {
    expect(
      deviceNotices(zh, [
        { device: 'receiptPrinter', state: 'failed', reason: 'paperOut' },
        { device: 'a4Printer', state: 'failed', reason: 'paperOut' },
      ]),
    ).toEqual(['小票打印机缺纸，暂停打印小票；排队号显示在屏幕上', 'A4 打印机缺纸，暂停打印证明材料']);
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

#!/usr/bin/python3
"""A social security card for vsmartcard's virtual reader (vpcd), run by vicc's own VirtualICC.

Usage: ss_card_vicc.py CARD.json

The card is a JSON file written by tests/devices/pcsc/virtual-card.ts: the vpcd port to plug
into, the ATR (which offers T=0 or T=1), the PIN and its try counter, and the EF05/EF06 records as
hex. The try counter is written back to the file on every VERIFY, as a real card keeps it in its
EEPROM across removals. Starting this program is inserting the card; ending it (SIGTERM) pulls it.

It answers what the kiosk sends, as SsCardSimulator (devices/ss-card/simulator.ts) does:
SELECT SSSE by DF name (T=0: 61xx then GET RESPONSE; T=1: the FCI at once), SELECT EF05/EF06,
READ RECORD (6Cxx when Le is not the record's length), VERIFY with 63Cx and 6983, and 6700 for an
extended-length APDU. `hangOnIns` (a test's fault) makes the card go silent on that instruction.
"""
import ctypes
import json
import logging
import os
import signal
import sys
import time

ctypes.CDLL('libc.so.6').prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG: pulled if the test dies

# Debian bookworm's python3-virtualsmartcard installs below site-packages (not on sys.path) and
# imports PyCrypto's `Crypto`, which Debian ships as pycryptodomex's `Cryptodome`.
sys.path.insert(0, '/usr/lib/python3/site-packages/virtualsmartcard')
try:
    import Crypto  # noqa: F401
except ImportError:
    import Cryptodome
    import Cryptodome.Cipher
    import Cryptodome.Hash
    sys.modules['Crypto'] = Cryptodome
    sys.modules['Crypto.Cipher'] = Cryptodome.Cipher
    sys.modules['Crypto.Hash'] = Cryptodome.Hash

from virtualsmartcard.VirtualSmartcard import SmartcardOS, VirtualICC  # noqa: E402

SSSE_DF_NAME = bytes.fromhex('7378312e73682ec9e7bbe1b1a3d5cf')  # "sx1.sh.社会保障" in GBK


def sw(word, data=b''):
    return bytes(data) + bytes([(word >> 8) & 0xFF, word & 0xFF])


def parse(apdu):
    """Splits a C-APDU; None for one that is not a short APDU (extended lengths are refused)."""
    if len(apdu) < 4:
        return None
    head = dict(cla=apdu[0], ins=apdu[1], p1=apdu[2], p2=apdu[3], data=None, le=None)
    if len(apdu) == 4:
        return head
    p3 = apdu[4]
    if len(apdu) == 5:
        head['le'] = p3 or 256
        return head
    if p3 == 0:
        return None  # extended length
    data = apdu[5:5 + p3]
    if len(apdu) == 5 + p3:
        head['data'] = data
        return head
    if len(apdu) == 6 + p3:
        head['data'] = data
        head['le'] = apdu[5 + p3] or 256
        return head
    return None


class SsCardOS(SmartcardOS):
    def __init__(self, path):
        self.path = path
        with open(path) as f:
            self.card = json.load(f)
        self.records = {int(ef, 16): {int(n): bytes.fromhex(r) for n, r in recs.items()}
                        for ef, recs in self.card['records'].items()}
        self.pin = bytes.fromhex(self.card['pin'])  # 6 digits read as hex = BCD
        self.t1 = self.card['protocol'] == 'T1'
        self.reset()

    def getATR(self):
        return bytes.fromhex(self.card['atr'])

    def powerUp(self):
        self.reset()

    def reset(self):
        self.in_ssse = False
        self.ef = None
        self.pending = None

    def save(self):
        tmp = self.path + '.tmp'
        with open(tmp, 'w') as f:
            json.dump(self.card, f)
        os.replace(tmp, self.path)

    def execute(self, msg):
        pending, self.pending = self.pending, None
        c = parse(msg)
        if c is None:
            return sw(0x6700)
        if c['ins'] == self.card.get('hangOnIns'):
            time.sleep(3600)  # a card that stopped answering; the test pulls it
        if c['cla'] != 0x00:
            return sw(0x6E00)
        ins = c['ins']
        if ins == 0xA4:
            return self.select(c)
        if ins == 0xB2:
            return self.read_record(c)
        if ins == 0xC0:
            if pending is None:
                return sw(0x6985)
            if c['le'] != len(pending):
                return sw(0x6C00 | (len(pending) & 0xFF))
            return sw(0x9000, pending)
        if ins == 0x20:
            return self.verify(c)
        return sw(0x6D00)

    def select(self, c):
        data = c['data']
        if c['p1'] == 0x04:
            if data != SSSE_DF_NAME:
                return sw(0x6A82)
            self.in_ssse = True
            self.ef = None
            fci = bytes([0x6F, 2 + len(SSSE_DF_NAME), 0x84, len(SSSE_DF_NAME)]) + SSSE_DF_NAME
            if self.t1:
                return sw(0x9000, fci)  # T=1 carries the answer in the same block
            self.pending = fci
            return sw(0x6100 | len(fci))
        if c['p1'] not in (0x00, 0x02):
            return sw(0x6A86)
        if data is None or len(data) != 2:
            return sw(0x6700)
        fid = (data[0] << 8) | data[1]
        if not self.in_ssse or fid not in self.records:
            return sw(0x6A82)
        self.ef = self.records[fid]
        return sw(0x9000)

    def read_record(self, c):
        if (c['p2'] & 0x07) not in (0x00, 0x04):
            return sw(0x6A86)
        if self.ef is None:
            return sw(0x6986)
        record = self.ef.get(c['p1'])
        if record is None:
            return sw(0x6A83)
        if c['le'] != len(record):
            return sw(0x6C00 | (len(record) & 0xFF))
        return sw(0x9000, record)

    def verify(self, c):
        if c['p1'] != 0x00 or c['p2'] != 0x00:
            return sw(0x6A86)
        if c['data'] is None or len(c['data']) != 3:
            return sw(0x6700)
        if self.card['triesLeft'] == 0:
            return sw(0x6983)
        if c['data'] == self.pin:
            self.card['triesLeft'] = self.card['maxTries']
            self.save()
            return sw(0x9000)
        self.card['triesLeft'] -= 1
        self.save()
        return sw(0x6983 if self.card['triesLeft'] == 0 else 0x63C0 | self.card['triesLeft'])


def main():
    path = sys.argv[1]
    card = SsCardOS(path)
    vicc = VirtualICC(None, 'iso7816', 'localhost', card.card['port'], logginglevel=logging.CRITICAL)
    vicc.os = card
    print('inserted', flush=True)
    vicc.run()


if __name__ == '__main__':
    main()

// What the kiosk takes from a social security card, and the checks that make a
// set of decoded fields trustworthy enough to hand to the host.
import { fail, quietError, succeed, type SsCardResult } from './errors';
import { decodeSsCardField, SS_CARD_FIELDS, type SsCardFieldName } from './records';

/** The cardholder and card facts read from EF05 and EF06. */
export interface SsCardData {
  /** 卡号, 9 characters. */
  cardNo: string;
  /** 社会保障号码 (the citizen ID number), 18 characters, the last may be `X`. */
  idNumber: string;
  /** 姓名. */
  name: string;
  /** 性别, GB/T 2261.1: `1` 男, `2` 女. */
  sex: string;
  /** 民族, two-digit GB 3304 code, e.g. `01` 汉. */
  nation: string;
  /** 出生日期 YYYYMMDD. */
  birthDate: string;
  /** 发卡日期 YYYYMMDD. */
  issueDate: string;
  /** 卡有效期 YYYYMMDD. */
  expiryDate: string;
  /** 卡的类别. */
  cardType: string;
  /** 规范版本, e.g. `3.00`. */
  version: string;
}

/** The fields the driver reads, EF05's first (frozen data, in reading order). */
export const SS_CARD_FIELDS_READ: readonly (keyof SsCardData & SsCardFieldName)[] = Object.freeze([
  'cardType',
  'version',
  'issueDate',
  'expiryDate',
  'cardNo',
  'idNumber',
  'name',
  'sex',
  'nation',
  'birthDate',
]);

const DATE = /^\d{4}(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])$/;

const CHECKS: Partial<Record<keyof SsCardData, RegExp>> = {
  cardNo: /^[0-9A-Z]{9}$/,
  idNumber: /^\d{17}[\dX]$/,
  sex: /^\d$/,
  nation: /^\d{2}$/,
  birthDate: DATE,
  issueDate: DATE,
  expiryDate: DATE,
};

/** Decodes and checks the value bytes of every field in SS_CARD_FIELDS_READ; never throws. */
export function decodeSsCardData(values: ReadonlyMap<SsCardFieldName, Uint8Array>): SsCardResult<SsCardData> {
  const data = {} as SsCardData;
  for (const name of SS_CARD_FIELDS_READ) {
    const { tag } = SS_CARD_FIELDS[name];
    const value = values.get(name);
    if (!value) return fail(quietError('missingRecord', `record ${tag} (${name}) was not read`, { tag }));
    const text = decodeSsCardField(name, value);
    if (!text.ok) return text;
    const check = CHECKS[name];
    if (check && !check.test(text.value)) {
      return fail(quietError('malformedRecord', `${name} (tag ${tag}) has an impossible value`, { tag }));
    }
    data[name] = text.value;
  }
  return succeed(data);
}

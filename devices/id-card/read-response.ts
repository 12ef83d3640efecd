// The data of a successful read text+photo response (30 01 -> SW3 90):
// text length (2 bytes BE), photo length (2 bytes BE), text, photo.
import { IdCardError, fail, succeed, type IdCardResult } from './errors';
import { decodeIdCardText, TEXT_SIZE, type IdCardText } from './text';

/** Size of the photo block in bytes. */
export const PHOTO_SIZE = 1024;

/** What one read of a card yields. */
export interface IdCardContent {
  text: IdCardText;
  /**
   * The WLT-compressed photo exactly as the card holds it. Decoding WLT needs a
   * proprietary library, so this stays opaque bytes: never decode or store it.
   */
  photo: Uint8Array;
}

/** Splits read-response data into its raw text and photo blocks. */
export function splitReadData(data: Uint8Array): IdCardResult<{ text: Uint8Array; photo: Uint8Array }> {
  if (data.length < 4)
    return fail(new IdCardError('malformedResponse', 'read response too short for its length fields'));
  const textLength = (data[0]! << 8) | data[1]!;
  const photoLength = (data[2]! << 8) | data[3]!;
  if (textLength !== TEXT_SIZE || data.length < 4 + textLength + photoLength) {
    return fail(
      new IdCardError(
        'malformedResponse',
        `read response declares text ${textLength} + photo ${photoLength} bytes in ${data.length - 4}`,
      ),
    );
  }
  return succeed({
    text: data.slice(4, 4 + textLength),
    photo: data.slice(4 + textLength, 4 + textLength + photoLength),
  });
}

/** Decodes read-response data into text fields and the opaque photo. */
export function decodeReadData(data: Uint8Array): IdCardResult<IdCardContent> {
  const blocks = splitReadData(data);
  if (!blocks.ok) return blocks;
  const text = decodeIdCardText(blocks.value.text);
  if (!text.ok) return text;
  return succeed({ text: text.value, photo: blocks.value.photo });
}

/** Builds read-response data from raw blocks (used by the simulator). */
export function encodeReadData(text: Uint8Array, photo: Uint8Array): Uint8Array {
  const data = new Uint8Array(4 + text.length + photo.length);
  data.set([text.length >> 8, text.length & 0xff, photo.length >> 8, photo.length & 0xff], 0);
  data.set(text, 4);
  data.set(photo, 4 + text.length);
  return data;
}

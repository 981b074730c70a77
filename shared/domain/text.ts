/** Folds Vietnamese text for searching: no accents, đ as d, lower case ("Nguyễn Văn Đức" → "nguyen van duc"). */
export function foldForSearch(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** True when every word of the query appears in the text, accents ignored. */
export function matchesSearch(text: string, query: string): boolean {
  const words = foldForSearch(query).split(' ').filter(Boolean);
  if (words.length === 0) return true;
  const folded = foldForSearch(text);
  return words.every((word) => folded.includes(word));
}

/** Counts words the way a reader would (any run of letters or digits). */
export function countWords(text: string): number {
  return (text.normalize('NFC').match(/[\p{L}\p{N}][\p{L}\p{M}\p{N}]*/gu) ?? []).length;
}

const ESCAPE = 0x1b;
const CSI = 0x9b;
const BELL = 0x07;

/** Characters that change how a terminal or a line of text is shown: controls (C0, DEL, C1) and bidirectional overrides. */
function isDisplayControl(code: number): boolean {
  return code < 0x20 || (code >= 0x7f && code <= 0x9f) || (code >= 0x202a && code <= 0x202e) || (code >= 0x2066 && code <= 0x2069);
}

/** Where an escape sequence starting at `at` ends: a CSI's final byte, an OSC's bell or string terminator, or one character. */
function sequenceEnd(text: string, at: number): number {
  const introducer = text.charCodeAt(at) === CSI ? '[' : text[at + 1];
  let index = text.charCodeAt(at) === CSI ? at + 1 : at + 2;
  if (introducer === '[') {
    while (index < text.length && !(text.charCodeAt(index) >= 0x40 && text.charCodeAt(index) <= 0x7e)) index += 1;
    return index + 1;
  }
  if (introducer === ']') {
    while (index < text.length && text.charCodeAt(index) !== BELL && !(text.charCodeAt(index) === ESCAPE && text[index + 1] === '\\')) index += 1;
    return text.charCodeAt(index) === BELL ? index + 1 : index + 2;
  }
  return index;
}

/**
 * Text from outside (a name in an exchange file) made safe to print on a terminal: escape sequences (colours, cursor
 * moves, window titles) are removed whole, and every other control character (a NUL, a carriage return) is dropped.
 */
export function forTerminal(text: string): string {
  let out = '';
  for (let index = 0; index < text.length; ) {
    const code = text.charCodeAt(index);
    if (code === ESCAPE || code === CSI) {
      index = sequenceEnd(text, index);
      continue;
    }
    if (!isDisplayControl(code)) out += text[index];
    index += 1;
  }
  return out;
}

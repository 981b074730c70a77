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

/**
 * Text from a file or another installation, made safe to print on a terminal: control characters and escape
 * sequences (a NUL, an ANSI colour or cursor move, a bidirectional override) are removed, so a name cannot rewrite the
 * screen or hide what follows it.
 */
export function terminalText(text: string): string {
  // Control characters are exactly what these patterns look for.
  /* eslint-disable no-control-regex */
  return text
    .replace(/\u001b\[[0-?]*[ -/]*[@-~]/g, '')
    .replace(/\u001b[\]P^_][\s\S]*?(?:\u0007|\u001b\\)/g, '')
    .replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, '');
  /* eslint-enable no-control-regex */
}

/**
 * The one Vietnamese collation for names, whatever the interface language, used by every list (screens, services and
 * the command line): "Cần Giuộc" before "Châu Thành", "Đ" after "D" ("Đức Hòa" before "Vĩnh Hưng"), "Ấp 2" before "Ấp 10".
 */
export const vietnameseCollator = new Intl.Collator('vi', { numeric: true });

/** Compares two names the Vietnamese way. */
export function compareNames(a: string, b: string): number {
  return vietnameseCollator.compare(a, b);
}

/** Sorts a copy of a list by a Vietnamese name. */
export function sortByName<T>(items: readonly T[], name: (item: T) => string): T[] {
  return [...items].sort((a, b) => vietnameseCollator.compare(name(a), name(b)));
}

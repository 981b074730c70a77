/** Vietnamese collation for names whatever the interface language: "Đ" after "D", "Ấp 2" before "Ấp 10". */
export const vietnameseCollator = new Intl.Collator('vi', { numeric: true });

/** Sorts a copy of a list by a Vietnamese name. */
export function sortByName<T>(items: readonly T[], name: (item: T) => string): T[] {
  return [...items].sort((a, b) => vietnameseCollator.compare(name(a), name(b)));
}

/** Moves the keyboard focus once React has put a moved or added element in place. */
export function focusSoon(id: string): void {
  requestAnimationFrame(() => document.getElementById(id)?.focus());
}

/** How the council's documents write numbers, dates and names: the Vietnamese of official records, whatever the UI's language. */

const two = (value: number) => String(value).padStart(2, '0');

/** Whole digits with a dot between thousands ("1.234"), without relying on the runtime's locale data. */
function grouped(whole: number): string {
  return String(whole).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}

/** Points in hundredths as documents print them: a decimal comma, two places ("85,40"). */
export function pointsText(hundredths: number): string {
  const negative = hundredths < 0;
  const magnitude = Math.abs(Math.round(hundredths));
  const whole = grouped(Math.floor(magnitude / 100));
  return `${negative ? '-' : ''}${whole},${two(magnitude % 100)}`;
}

/** A count with a dot between thousands ("1.234"). */
export function countText(value: number): string {
  return decimalText(value, 2);
}

/** A number with Vietnamese decimals ("0,14"), as indicators are printed. */
export function decimalText(value: number, decimals: number): string {
  const [whole = '0', fraction = ''] = Math.abs(value).toFixed(decimals).split('.');
  const trimmed = fraction.replace(/0+$/, '');
  return `${value < 0 ? '-' : ''}${grouped(Number(whole))}${trimmed ? `,${trimmed}` : ''}`;
}

/** "ngày 05 tháng 01 năm 2026": leading zeros for days below 10 and for months 1 and 2 (Decree 30). */
export function dateInWords(iso: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!match) return 'ngày … tháng … năm …';
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const monthText = month <= 2 ? two(month) : String(month);
  return `ngày ${two(day)} tháng ${monthText} năm ${year}`;
}

/** The place and date line of a heading: "Tây Ninh, ngày 05 tháng 01 năm 2026". */
export function placeAndDate(place: string, iso: string | null): string {
  return `${place}, ${iso ? dateInWords(iso) : 'ngày     tháng     năm     '}`;
}

/** dd/MM/yyyy, as tables print dates. */
export function shortDate(iso: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return match ? `${match[3]}/${match[2]}/${match[1]}` : '';
}

/** "08 giờ 00" from "08:00". */
export function timeInWords(time: string): string {
  const match = /^(\d{2}):(\d{2})$/.exec(time);
  return match ? `${match[1]} giờ ${match[2]}` : '… giờ …';
}

/** The number line of a heading: "Số: 05/TTr-HĐTĐKT", or with room for the clerk's number when it is not given yet. */
export function numberLine(number: string, symbol: string): string {
  const trimmed = number.trim();
  const shown = /^\d$/.test(trimmed) ? `0${trimmed}` : trimmed;
  return `Số: ${shown === '' ? '        ' : shown}/${symbol}`;
}

/** A name for files: no accents, no spaces ("Tờ trình 2025" → "to-trinh-2025"). */
export function fileSlug(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80);
}

/** A share as "2/3". */
export function fractionText(fraction: { numerator: number; denominator: number }): string {
  return `${fraction.numerator}/${fraction.denominator}`;
}

/** A percentage with a decimal comma ("66,67 %"). */
export function percentText(numerator: number, denominator: number): string {
  if (denominator <= 0) return '';
  return `${decimalText(Math.round((numerator * 10000) / denominator) / 100, 2)} %`;
}

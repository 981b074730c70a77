import type { NomineeGroup } from './kinds';

/**
 * The headings the branch expects in an achievement report (báo cáo thành tích). They are the document's
 * own words, in Vietnamese whatever the interface language, like the official documents they go into.
 */
export const REPORT_HEADINGS: Record<NomineeGroup, string[]> = {
  collective: ['I. ĐẶC ĐIỂM, TÌNH HÌNH', 'II. THÀNH TÍCH ĐẠT ĐƯỢC', 'III. CÁC HÌNH THỨC KHEN THƯỞNG ĐÃ ĐẠT ĐƯỢC'],
  individual: ['I. SƠ LƯỢC LÝ LỊCH', 'II. THÀNH TÍCH ĐẠT ĐƯỢC', 'III. CÁC HÌNH THỨC KHEN THƯỞNG ĐÃ ĐẠT ĐƯỢC'],
};

/** Fewest words a report must have before its dossier can be marked ready. */
export const REPORT_MIN_WORDS = 150;

/** The template a new report starts from: the headings with a blank line under each. */
export function reportTemplate(group: NomineeGroup): string {
  return REPORT_HEADINGS[group].map((heading) => `${heading}\n\n`).join('\n');
}

/** Headings of the template that the report does not contain (case and spacing ignored). */
export function missingHeadings(group: NomineeGroup, report: string): string[] {
  const normalised = report.toUpperCase().replace(/\s+/g, ' ');
  return REPORT_HEADINGS[group].filter((heading) => !normalised.includes(heading.replace(/\s+/g, ' ')));
}

/** The ranking at scale: a tie at the cut-off among many nominees is named in part, with how many more there are. */
export const en = {
  tieBannerMany: 'Tied at the cut-off: {{names}} and {{more}} other(s) cannot be separated by the tie-break rules, and {{count}} place(s) remain. The council decides.',
};

export const vi: typeof en = {
  tieBannerMany: 'Đồng hạng tại ngưỡng: {{names}} và {{more}} đối tượng khác bằng nhau sau mọi tiêu chí phụ, trong khi chỉ còn {{count}} suất. Hội đồng quyết định.',
};

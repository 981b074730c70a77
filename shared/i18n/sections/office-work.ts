/** The readiness checklist and the per-row problems of a registry import. */
export const en = {
  checklist: {
    indicators: 'Every indicator and self-score is filled in ({{missing}} missing).',
    justifications: 'Every self-score has a justification of at least {{minimum}} characters ({{missing}} missing).',
    headings: 'The report has the template’s headings{{missing}}.',
    words: 'The report has at least {{minimum}} words (now {{words}}).',
    evidence: 'At least one evidence file is attached (now {{count}}).',
  },
  importIssue: {
    unmapped: 'No column is chosen for this field.',
    unknownKind: '“{{value}}” is not a kind of unit.',
    unknownLevel: '“{{value}}” is not a level (province or commune).',
    unknownOffice: 'No transaction office is called “{{value}}”.',
    unknownGender: '“{{value}}” is not a gender (Nam / Nữ).',
    unknownUnit: 'No unit is called “{{value}}”.',
    badYear: '“{{value}}” is not a year of birth.',
    exists: '“{{value}}” is already in the registry.',
    repeated: 'This row repeats an earlier row of the file.',
  },
};

export const vi: typeof en = {
  checklist: {
    indicators: 'Đã nhập đủ số liệu và điểm tự chấm (còn thiếu {{missing}}).',
    justifications: 'Mỗi điểm tự chấm có giải trình tối thiểu {{minimum}} ký tự (còn thiếu {{missing}}).',
    headings: 'Báo cáo có đủ các đề mục theo mẫu{{missing}}.',
    words: 'Báo cáo có tối thiểu {{minimum}} từ (hiện có {{words}}).',
    evidence: 'Có ít nhất một tệp minh chứng (hiện có {{count}}).',
  },
  importIssue: {
    unmapped: 'Chưa chọn cột cho trường này.',
    unknownKind: '“{{value}}” không phải là loại đơn vị.',
    unknownLevel: '“{{value}}” không phải là cấp (tỉnh hoặc xã).',
    unknownOffice: 'Không có Phòng giao dịch tên “{{value}}”.',
    unknownGender: '“{{value}}” không phải là giới tính (Nam / Nữ).',
    unknownUnit: 'Không có đơn vị tên “{{value}}”.',
    badYear: '“{{value}}” không phải là năm sinh.',
    exists: '“{{value}}” đã có trong danh sách.',
    repeated: 'Dòng này trùng với một dòng trước trong tệp.',
  },
};

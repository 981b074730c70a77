/** What the dry run says of each record of an exchange file. */
export const en = {
  sameNominee: 'Another dossier for the same nominee is already here.',
  noScheme: 'No scheme {{scheme}} here for this kind.',
  invalid: '{{count}} value(s) do not fit the scheme.',
  missingFile: 'The evidence “{{name}}” is missing from the file.',
  otherOffice: 'This dossier belongs to another office.',
  stale: 'An older revision: revision {{have}} is already here.',
  conflict: 'Revision {{revision}} is already here with different content.',
  late: 'Arrived after the deadline.',
  unknownDossier: 'No such dossier here.',
  returned: 'Returned by the branch: {{reason}}',
  received: 'Received by the branch.',
  seats: '{{seats}} individual place(s).',
  selected: 'Proposed (rank {{position}}).',
  enrolment: 'The office’s keys, to be trusted after comparing the fingerprint by phone.',
};

export const vi: typeof en = {
  sameNominee: 'Đã có một hồ sơ khác cho cùng đối tượng.',
  noScheme: 'Không có thang điểm {{scheme}} cho loại này.',
  invalid: '{{count}} giá trị không khớp thang điểm.',
  missingFile: 'Tệp không có minh chứng “{{name}}”.',
  otherOffice: 'Hồ sơ này thuộc Phòng giao dịch khác.',
  stale: 'Lần gửi cũ: đã có lần {{have}}.',
  conflict: 'Đã có lần {{revision}} với nội dung khác.',
  late: 'Đến sau hạn nộp.',
  unknownDossier: 'Không có hồ sơ này ở đây.',
  returned: 'Chi nhánh trả lại: {{reason}}',
  received: 'Chi nhánh đã nhận.',
  seats: '{{seats}} chỉ tiêu cá nhân.',
  selected: 'Được đề xuất (hạng {{position}}).',
  enrolment: 'Khóa của Phòng giao dịch, chỉ tin cậy sau khi đối chiếu mã nhận dạng qua điện thoại.',
};

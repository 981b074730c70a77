import type { DocumentKind } from './model';

/**
 * The wording of each document: every fixed sentence, heading and list, with placeholders such as {nam} where the
 * records go. The branch edits it (forms and wording follow Decree 152/2025 and Circular 15/2025 and will change);
 * the layout stays Decree 30's. One part may hold several lines (one paragraph each).
 */
export interface WordingPart {
  key: string;
  /** What the part is, for the template file (Vietnamese: the template is edited by the branch). */
  about: string;
  text: string;
}

/** What each placeholder stands for (documented in docs/document-templates.md). */
export const PLACEHOLDERS: Record<string, string> = {
  nam: 'năm của đợt thi đua (2025)',
  vong: 'vòng xét (1 hoặc 2)',
  doi_tuong: '“tập thể” (vòng 1) hoặc “cá nhân” (vòng 2)',
  doi_tuong_in_hoa: '“TẬP THỂ” hoặc “CÁ NHÂN”',
  dia_danh: 'địa danh ghi ở đầu văn bản (Tây Ninh)',
  so_van_ban: 'số và ký hiệu của văn bản (05/TTr-HĐTĐKT)',
  ngay_van_ban: 'ngày của văn bản, viết đầy đủ (ngày 05 tháng 01 năm 2026)',
  ngay_hop: 'ngày họp Hội đồng, viết đầy đủ',
  so_ho_so: 'số hồ sơ được xếp hạng trong vòng',
  so_de_nghi: 'số đối tượng được đề nghị trong vòng',
  chi_tieu: 'số đề nghị tối đa (chỉ tiêu) của vòng',
  so_tap_the: 'số tập thể được đề nghị',
  so_ca_nhan: 'số cá nhân được đề nghị',
  so_ho_so_tap_the: 'số hồ sơ tập thể được xếp hạng',
  so_ho_so_ca_nhan: 'số hồ sơ cá nhân được xếp hạng',
  gio_bat_dau: 'giờ bắt đầu cuộc họp (08 giờ 00)',
  gio_ket_thuc: 'giờ kết thúc cuộc họp',
  dia_diem: 'địa điểm họp',
  chu_toa: 'họ tên, chức vụ người chủ trì',
  thu_ky: 'họ tên, chức vụ thư ký cuộc họp',
  tong_thanh_vien: 'tổng số thành viên Hội đồng',
  co_mat: 'số thành viên có mặt',
  vang_mat: 'số thành viên vắng mặt',
  van_ban: 'số thành viên vắng mặt gửi phiếu bằng văn bản',
  can_co_mat: 'số thành viên có mặt cần có để cuộc họp được biểu quyết',
  du_dieu_kien: '“cuộc họp đủ điều kiện tiến hành” hoặc “cuộc họp không đủ điều kiện biểu quyết”',
  hinh_thuc: 'hình thức biểu quyết (bỏ phiếu kín / biểu quyết công khai)',
  nguong: 'tỷ lệ đồng ý phải vượt (1/2)',
  co_so_nguong: '“tổng số thành viên Hội đồng” hoặc “số thành viên tham gia biểu quyết”',
  cach_tinh: 'tổng điểm chính thức tính thế nào (điểm bình quân phiếu chấm / điểm tự chấm)',
  phong_giao_dich: 'tên Phòng giao dịch nhận thông báo',
  so_ho_so_don_vi: 'số hồ sơ của Phòng giao dịch được xét',
  so_de_nghi_don_vi: 'số hồ sơ của Phòng giao dịch được đề nghị',
  ten_doi_tuong: 'tên tập thể hoặc họ tên cá nhân',
  don_vi: 'đơn vị của đối tượng',
};

const COMMON = ['nam', 'vong', 'doi_tuong', 'doi_tuong_in_hoa', 'dia_danh', 'so_van_ban', 'ngay_van_ban', 'ngay_hop', 'so_ho_so', 'so_de_nghi', 'chi_tieu', 'cach_tinh'];

/** The placeholders each document can fill. */
export const PLACEHOLDERS_OF: Record<DocumentKind, readonly string[]> = {
  submission: [...COMMON, 'so_tap_the', 'so_ca_nhan', 'so_ho_so_tap_the', 'so_ho_so_ca_nhan'],
  minutes: [
    ...COMMON,
    'gio_bat_dau',
    'gio_ket_thuc',
    'dia_diem',
    'chu_toa',
    'thu_ky',
    'tong_thanh_vien',
    'co_mat',
    'vang_mat',
    'van_ban',
    'can_co_mat',
    'du_dieu_kien',
    'hinh_thuc',
    'nguong',
    'co_so_nguong',
  ],
  list: COMMON,
  scores: COMMON,
  report: [...COMMON, 'ten_doi_tuong', 'don_vi'],
  notice: [...COMMON, 'phong_giao_dich', 'so_ho_so_don_vi', 'so_de_nghi_don_vi'],
};

const part = (key: string, about: string, text: string): WordingPart => ({ key, about, text });

/** The built-in wording, as the branch starts with it. */
export const DEFAULT_WORDING: Record<DocumentKind, WordingPart[]> = {
  submission: [
    part('loai', 'Tên loại văn bản', 'TỜ TRÌNH'),
    part('trich_yeu', 'Trích yếu', 'Về việc đề nghị tặng Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh cho các tập thể, cá nhân có thành tích xuất sắc trong thực hiện chính sách tín dụng xã hội năm {nam}'),
    part('kinh_gui', 'Kính gửi', 'Kính gửi: Chủ tịch Ủy ban nhân dân tỉnh Tây Ninh.'),
    part(
      'can_cu',
      'Các căn cứ (mỗi dòng một căn cứ, in nghiêng)',
      [
        'Căn cứ Luật Thi đua, khen thưởng số 06/2022/QH15 ngày 15 tháng 6 năm 2022;',
        'Căn cứ Nghị định số 152/2025/NĐ-CP ngày 14 tháng 6 năm 2025 của Chính phủ quy định chi tiết thi hành Luật Thi đua, khen thưởng;',
        'Căn cứ Kế hoạch phát động phong trào thi đua quản lý, sử dụng vốn tín dụng chính sách xã hội năm {nam} của Chi nhánh Ngân hàng Chính sách xã hội tỉnh Tây Ninh;',
        'Căn cứ Biên bản họp Hội đồng Thi đua - Khen thưởng {ngay_hop}.',
      ].join('\n'),
    ),
    part(
      'noi_dung',
      'Kết quả phong trào (mỗi dòng một đoạn)',
      'Thực hiện phong trào thi đua năm {nam}, Hội đồng Thi đua - Khen thưởng đã nhận và xếp hạng {so_ho_so_tap_the} hồ sơ đề nghị khen thưởng của tập thể và {so_ho_so_ca_nhan} hồ sơ của cá nhân do các Phòng giao dịch gửi về; việc chấm điểm, xếp hạng và biểu quyết được thực hiện công khai, đúng quy chế của Hội đồng.',
    ),
    part('de_nghi', 'Nội dung đề nghị', 'Chi nhánh Ngân hàng Chính sách xã hội tỉnh Tây Ninh kính đề nghị Chủ tịch Ủy ban nhân dân tỉnh xem xét, tặng Bằng khen cho {so_tap_the} tập thể và {so_ca_nhan} cá nhân đã có thành tích xuất sắc trong thực hiện chính sách tín dụng xã hội năm {nam}.'),
    part('kem_theo', 'Tài liệu kèm theo', '(Có danh sách, biên bản và báo cáo thành tích kèm theo)'),
    part('ket_thuc', 'Câu kết', 'Kính trình Chủ tịch Ủy ban nhân dân tỉnh xem xét, quyết định./.'),
    part('noi_nhan', 'Nơi nhận (mỗi dòng một nơi)', '- Như trên;\n- Ban Thi đua - Khen thưởng tỉnh;\n- Lưu: VT, HĐTĐKT.'),
    part('danh_sach_tap_the', 'Tiêu đề danh sách tập thể', 'DANH SÁCH TẬP THỂ ĐỀ NGHỊ TẶNG BẰNG KHEN CỦA CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH'),
    part('danh_sach_ca_nhan', 'Tiêu đề danh sách cá nhân', 'DANH SÁCH CÁ NHÂN ĐỀ NGHỊ TẶNG BẰNG KHEN CỦA CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH'),
    part('danh_sach_phu_de', 'Dòng dưới tiêu đề danh sách', '(Kèm theo Tờ trình số {so_van_ban} {ngay_van_ban})'),
  ],
  minutes: [
    part('loai', 'Tên loại văn bản', 'BIÊN BẢN'),
    part('trich_yeu', 'Trích yếu', 'Họp Hội đồng Thi đua - Khen thưởng xét đề nghị tặng Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh năm {nam} (vòng {vong}: {doi_tuong})'),
    part('mo_dau', 'Mở đầu', 'Vào hồi {gio_bat_dau} {ngay_hop}, tại {dia_diem}, Hội đồng Thi đua - Khen thưởng họp xét đề nghị tặng Bằng khen đối với {doi_tuong} trong phong trào thi đua năm {nam}.'),
    part('thanh_phan', 'Tiêu đề mục I', 'I. THÀNH PHẦN THAM DỰ'),
    part('chu_tri', 'Chủ trì, thư ký', 'Chủ trì: {chu_toa}.\nThư ký: {thu_ky}.'),
    part('so_luong', 'Số thành viên', 'Tổng số thành viên Hội đồng: {tong_thanh_vien}; có mặt: {co_mat}; vắng mặt: {vang_mat}, trong đó {van_ban} thành viên gửi phiếu bằng văn bản. Số thành viên có mặt cần có: {can_co_mat}; {du_dieu_kien}.'),
    part('danh_sach_co_mat', 'Dòng trước danh sách thành viên', 'Thành viên Hội đồng:'),
    part('noi_dung', 'Tiêu đề mục II', 'II. NỘI DUNG CUỘC HỌP'),
    part('nguyen_tac', 'Nguyên tắc xét', 'Hội đồng thống nhất áp dụng: tổng điểm chính thức là {cach_tinh}; hình thức biểu quyết: {hinh_thuc}; đối tượng được đề nghị khi có trên {nguong} {co_so_nguong} đồng ý; số đề nghị tối đa: {chi_tieu} {doi_tuong}.'),
    part('xem_xet', 'Dòng trước bảng điểm và biểu quyết', 'Hội đồng đã xem xét {so_ho_so} hồ sơ được đưa vào xếp hạng. Kết quả chấm điểm và biểu quyết như sau:'),
    part('bang_diem', 'Dòng trước các quyết định về trường hợp bằng điểm', 'Quyết định của Hội đồng đối với trường hợp bằng điểm:'),
    part('khong_bang_diem', 'Khi không có trường hợp bằng điểm', 'Không có trường hợp bằng điểm cần Hội đồng quyết định.'),
    part('ket_qua', 'Tiêu đề mục III', 'III. KẾT QUẢ'),
    part('ket_luan', 'Kết luận', 'Hội đồng thống nhất đề nghị Chủ tịch Ủy ban nhân dân tỉnh tặng Bằng khen cho {so_de_nghi} {doi_tuong} có tên dưới đây:'),
    part('ket_thuc', 'Câu kết', 'Cuộc họp kết thúc vào hồi {gio_ket_thuc} cùng ngày. Biên bản đã được đọc lại và thông qua tại cuộc họp./.'),
  ],
  list: [
    part('tieu_de', 'Tiêu đề', 'DANH SÁCH {doi_tuong_in_hoa} ĐỀ NGHỊ TẶNG BẰNG KHEN CỦA CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH'),
    part('phu_de', 'Dòng dưới tiêu đề', 'Có thành tích xuất sắc trong thực hiện chính sách tín dụng xã hội năm {nam}'),
    part('cuoi', 'Dòng cuối danh sách', '(Danh sách có {so_de_nghi} {doi_tuong}.)'),
  ],
  scores: [
    part('tieu_de', 'Tiêu đề', 'BẢNG TỔNG HỢP ĐIỂM'),
    part('phu_de', 'Dòng dưới tiêu đề', 'Xét đề nghị tặng Bằng khen năm {nam} — vòng {vong} ({doi_tuong})'),
    part('ghi_chu', 'Ghi chú dưới bảng', 'Tổng điểm chính thức: {cach_tinh}. Thứ hạng: hồ sơ đủ điều kiện trước, tổng điểm giảm dần, sau đó theo thứ tự ưu tiên Hội đồng đã quy định.'),
  ],
  report: [
    part('tieu_de', 'Tiêu đề', 'BÁO CÁO THÀNH TÍCH'),
    part('phu_de', 'Dòng dưới tiêu đề (mỗi dòng một dòng)', 'Đề nghị tặng Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh\nThành tích xuất sắc trong thực hiện chính sách tín dụng xã hội năm {nam}'),
    part('ly_lich', 'Tiêu đề phần lý lịch (cá nhân)', 'SƠ LƯỢC LÝ LỊCH'),
    part('so_lieu', 'Tiêu đề phần số liệu và điểm', 'SỐ LIỆU VÀ KẾT QUẢ CHẤM ĐIỂM'),
    part('khen_thuong', 'Tiêu đề phần khen thưởng đã ghi nhận', 'CÁC HÌNH THỨC ĐÃ ĐƯỢC KHEN THƯỞNG (theo hồ sơ của Hội đồng)'),
    part('ky_trai', 'Chức danh ký bên trái', 'XÁC NHẬN CỦA THỦ TRƯỞNG ĐƠN VỊ'),
    part('ky_phai', 'Chức danh ký bên phải', 'NGƯỜI BÁO CÁO'),
  ],
  notice: [
    part('loai', 'Tên loại văn bản', 'THÔNG BÁO'),
    part('trich_yeu', 'Trích yếu', 'Kết quả xét đề nghị tặng Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh năm {nam} ({doi_tuong})'),
    part('kinh_gui', 'Kính gửi', 'Kính gửi: {phong_giao_dich}.'),
    part('mo_dau', 'Mở đầu', 'Căn cứ kết quả họp Hội đồng Thi đua - Khen thưởng {ngay_hop}, Hội đồng thông báo kết quả xét {so_ho_so_don_vi} hồ sơ đề nghị khen thưởng của đơn vị; {so_de_nghi_don_vi} hồ sơ được đề nghị Chủ tịch Ủy ban nhân dân tỉnh tặng Bằng khen. Kết quả cụ thể như sau:'),
    part('ket_thuc', 'Câu kết', 'Đề nghị {phong_giao_dich} thông báo kết quả đến các tập thể, cá nhân có liên quan./.'),
    part('noi_nhan', 'Nơi nhận (mỗi dòng một nơi)', '- Như trên;\n- Lưu: VT, HĐTĐKT.'),
  ],
};

/** The wording of one document, by part. */
export type Wording = Record<string, string>;

export function defaultWording(kind: DocumentKind): Wording {
  return Object.fromEntries(DEFAULT_WORDING[kind].map((entry) => [entry.key, entry.text]));
}

/** What is wrong with an edited wording, each naming the part and the placeholder at fault. */
export type WordingProblem =
  | { key: 'unknownPart'; part: string }
  | { key: 'missingPart'; part: string }
  | { key: 'unknownPlaceholder'; part: string; placeholder: string }
  | { key: 'brokenPlaceholder'; part: string; placeholder: string };

const PLACEHOLDER = /\{([^{}\n]*)\}/g;

/** Checks a wording against its document: every part known and present, every placeholder known and well formed. */
export function checkWording(kind: DocumentKind, wording: Wording): WordingProblem[] {
  const problems: WordingProblem[] = [];
  const known = new Set(DEFAULT_WORDING[kind].map((entry) => entry.key));
  const allowed = new Set(PLACEHOLDERS_OF[kind]);
  for (const key of Object.keys(wording)) if (!known.has(key)) problems.push({ key: 'unknownPart', part: key });
  for (const key of known) if (wording[key] === undefined) problems.push({ key: 'missingPart', part: key });
  for (const [key, value] of Object.entries(wording)) {
    if (!known.has(key)) continue;
    for (const match of value.matchAll(PLACEHOLDER)) {
      const name = (match[1] ?? '').trim();
      if (!/^[a-z0-9_]+$/.test(name)) problems.push({ key: 'brokenPlaceholder', part: key, placeholder: match[0] });
      else if (!allowed.has(name)) problems.push({ key: 'unknownPlaceholder', part: key, placeholder: `{${name}}` });
    }
    // A brace left once every {…} is taken out: "{nam" or "nam}" (Word's autocorrect, a deleted character).
    const rest = value.replace(PLACEHOLDER, '');
    const stray = /[^\s{}]*[{}][^\s{}]*/.exec(rest);
    if (stray) problems.push({ key: 'brokenPlaceholder', part: key, placeholder: stray[0] });
  }
  return problems;
}

/** A part's text with its placeholders filled (a value not given stays visible as "…"). */
export function fill(template: string, values: Readonly<Record<string, string | number>>): string {
  return template.replace(PLACEHOLDER, (_whole, name: string) => {
    const value = values[name.trim()];
    return value === undefined ? '…' : String(value);
  });
}

/** A part's lines, filled: one paragraph each, empty lines left out. */
export function lines(template: string, values: Readonly<Record<string, string | number>>): string[] {
  return fill(template, values)
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

/** Transaction offices of the merged province (named after the areas they serve). */
export const DEMO_OFFICES = [
  'Tân Biên', 'Tân Châu', 'Dương Minh Châu', 'Châu Thành', 'Hòa Thành', 'Gò Dầu', 'Bến Cầu', 'Trảng Bàng',
  'Đức Hòa', 'Đức Huệ', 'Bến Lức', 'Cần Giuộc', 'Cần Đước', 'Tân Trụ', 'Thủ Thừa', 'Tầm Vu',
  'Thạnh Hóa', 'Tân Thạnh', 'Mộc Hóa', 'Kiến Tường', 'Vĩnh Hưng', 'Tân Hưng',
];

/** Wards (phường) and communes (xã), grouped loosely by the office that serves them. */
export const DEMO_WARDS = [
  'Tân Ninh', 'Bình Minh', 'Ninh Thạnh', 'Long Hoa', 'Hòa Thành', 'Thanh Điền', 'Trảng Bàng', 'An Tịnh',
  'Gò Dầu', 'Gia Lộc', 'Tân An', 'Khánh Hậu', 'Long An', 'Kiến Tường',
];

export const DEMO_COMMUNES = [
  'Tân Biên', 'Tân Lập', 'Thạnh Bình', 'Trà Vong', 'Tân Châu', 'Tân Đông', 'Tân Hội', 'Tân Hòa', 'Tân Thành', 'Tân Phú',
  'Dương Minh Châu', 'Cầu Khởi', 'Truông Mít', 'Lộc Ninh', 'Phước Vinh', 'Hòa Hội', 'Ninh Điền', 'Châu Thành', 'Hảo Đước',
  'Bến Cầu', 'Long Chữ', 'Long Thuận', 'Phước Chỉ', 'Hưng Thuận', 'Thạnh Đức', 'Phước Thạnh', 'Đức Hòa', 'Hậu Nghĩa',
  'Hòa Khánh', 'Đức Lập', 'Mỹ Hạnh', 'An Ninh', 'Hiệp Hòa', 'Đức Huệ', 'Mỹ Quý', 'Đông Thành', 'Bến Lức', 'Lương Hòa',
  'Bình Đức', 'Mỹ Yên', 'Thạnh Lợi', 'Cần Giuộc', 'Phước Lý', 'Mỹ Lộc', 'Phước Vĩnh Tây', 'Tân Tập', 'Cần Đước',
  'Rạch Kiến', 'Long Cang', 'Mỹ Lệ', 'Tân Lân', 'Long Hựu', 'Tân Trụ', 'Nhựt Tảo', 'Vàm Cỏ', 'Thủ Thừa', 'Mỹ An',
  'Mỹ Thạnh', 'Tân Long', 'Tầm Vu', 'Vĩnh Công', 'An Lục Long', 'Thạnh Hóa', 'Bình Thành', 'Thạnh Phước', 'Tân Thạnh',
  'Nhơn Hòa Lập', 'Nhơn Ninh', 'Hậu Thạnh', 'Mộc Hóa', 'Bình Hòa', 'Bình Hiệp', 'Tuyên Thạnh', 'Vĩnh Hưng', 'Khánh Hưng',
  'Tuyên Bình', 'Vĩnh Châu', 'Tân Hưng', 'Hưng Điền', 'Vĩnh Thạnh', 'Vĩnh Đại', 'Phước Ninh',
];

export const FAMILY_NAMES = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Huỳnh', 'Hoàng', 'Võ', 'Phan', 'Trương', 'Bùi', 'Đặng', 'Đỗ', 'Ngô', 'Hồ', 'Dương', 'Đinh', 'Lâm', 'Châu'];
export const MIDDLE_NAMES_MEN = ['Văn', 'Minh', 'Hữu', 'Quốc', 'Thanh', 'Công', 'Đức', 'Hoàng'];
export const MIDDLE_NAMES_WOMEN = ['Thị', 'Ngọc', 'Thanh', 'Kim', 'Thùy', 'Mỹ', 'Bích'];
export const GIVEN_NAMES_MEN = ['An', 'Bình', 'Cường', 'Dũng', 'Hùng', 'Long', 'Nam', 'Phong', 'Phúc', 'Quang', 'Sơn', 'Thành', 'Tuấn', 'Trung', 'Khoa', 'Lộc', 'Tài', 'Hiếu'];
export const GIVEN_NAMES_WOMEN = ['Hà', 'Hạnh', 'Hiền', 'Hoa', 'Lan', 'Linh', 'Mai', 'Nga', 'Phương', 'Tâm', 'Thảo', 'Trang', 'Vân', 'Yến', 'Loan', 'Nhung', 'Diễm', 'Tuyết'];

/** Parts of commune names, combined for datasets larger than one province (the generator, `npm run generate`). */
export const PLACE_FIRST_WORDS = ['Tân', 'Long', 'Phước', 'Bình', 'Hòa', 'Thạnh', 'Mỹ', 'An', 'Hưng', 'Vĩnh', 'Thới', 'Lộc', 'Đức', 'Hiệp', 'Nhơn', 'Khánh', 'Phú', 'Trường', 'Thuận', 'Gia'];
export const PLACE_SECOND_WORDS = ['An', 'Bình', 'Đông', 'Tây', 'Nam', 'Bắc', 'Hòa', 'Lợi', 'Phú', 'Thành', 'Thuận', 'Trung', 'Hiệp', 'Lộc', 'Hưng', 'Mỹ', 'Điền', 'Phong', 'Thịnh', 'Khánh'];

/** Provinces and centrally run cities after the 2025 merger, for names beyond what one province has. */
export const PROVINCES = [
  'Tây Ninh', 'Đồng Tháp', 'An Giang', 'Vĩnh Long', 'Cần Thơ', 'Cà Mau', 'Đồng Nai', 'TP. Hồ Chí Minh', 'Lâm Đồng', 'Đắk Lắk',
  'Khánh Hòa', 'Gia Lai', 'Quảng Ngãi', 'Đà Nẵng', 'Huế', 'Quảng Trị', 'Hà Tĩnh', 'Nghệ An', 'Thanh Hóa', 'Ninh Bình',
  'Hưng Yên', 'Hải Phòng', 'Quảng Ninh', 'Bắc Ninh', 'Hà Nội', 'Phú Thọ', 'Thái Nguyên', 'Tuyên Quang', 'Lào Cai', 'Cao Bằng',
  'Lạng Sơn', 'Sơn La', 'Điện Biên', 'Lai Châu',
];

/** Hamlets (ấp) where savings-and-loan groups meet, for the positions of group heads. */
export const HAMLETS = ['Bình Hòa', 'Bình Lợi', 'Suối Đá', 'Trường Thọ', 'Phước Hội', 'Tân Lập', 'Thạnh Hiệp', 'Long Châu', 'Cầu Xe', 'Bàu Sen', 'Rạch Tre', 'Xóm Mới'];

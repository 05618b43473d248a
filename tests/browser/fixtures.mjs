// What the browser tests know of the bundled rulesets and the form: accessible
// names (as the page labels its fields), option titles, headings and worked
// values. Written out by hand, not read from rulesets/*.json: the page must
// show these exact names, so a test finds an element the way a user (or a
// screen reader) would.

/** Đắk Lắk 2025, Chỉ số 01 (rulesets/daklak-2025-chi-so-01.json), the default ruleset. */
export const DAKLAK = {
  id: 'daklak-2025-chi-so-01',
  /** Its option in "Bộ chỉ số" (rulesets/index.json). */
  title: 'Đắk Lắk 2025 — Chỉ số 01: sở, ban, ngành',
  /** Its heading once open. */
  heading: /Chỉ số 01, tỉnh Đắk Lắk năm 2025/,
  /** The six contents' score fields, by item key (the rows' data-key). */
  items: {
    1: '1 Kết quả thực hiện nhiệm vụ theo chức năng',
    2: '2 Kết quả thực hiện cải cách hành chính và xây dựng cơ quan, đơn vị hoạt động hiệu lực, hiệu năng, hiệu quả',
    3: '3 Điểm đánh giá thông qua điều tra, khảo sát',
    4: '4 Điểm đánh giá của Chủ tịch, các Phó Chủ tịch UBND tỉnh',
    5: '5 Điểm cộng',
    6: '6 Điểm trừ',
  },
  /** The worked example of SOURCES.md: 85,5 / 100 points, hoàn thành tốt, CCHC Khá. */
  worked: { 1: '42', 2: '31,5', 3: '9', 4: '4', 5: '1', 6: '2' },
};

export const DAKLAK_02 = {
  id: 'daklak-2025-chi-so-02',
  title: 'Đắk Lắk 2025 — Chỉ số 02: đơn vị sự nghiệp công lập',
  heading: /Chỉ số 02, tỉnh Đắk Lắk năm 2025/,
};

export const DAKLAK_03 = {
  id: 'daklak-2025-chi-so-03',
  title: 'Đắk Lắk 2025 — Chỉ số 03: UBND xã, phường',
  heading: /Chỉ số 03, tỉnh Đắk Lắk năm 2025/,
};

/** "Bộ chỉ số mẫu — minh họa" (rulesets/minh-hoa-long-nhau.json): nesting, steps, a capped bonus. */
export const NESTED = {
  id: 'minh-hoa-long-nhau',
  title: 'Bộ chỉ số mẫu (minh họa)',
  heading: /Bộ chỉ số mẫu — minh họa/,
};

// The training ruleset (rulesets/tap-huan-mau.json), every item given a value.
// One list drives the page and the ENTRIES file of training.test.mjs, and the
// printed sheet of print.test.mjs. kind: text (type into the field), select
// (choose an option by its label), pair (two numbers), na (tick "Không áp dụng").
const TRAINING_INPUTS = [
  { key: '1/1.1', kind: 'select', label: '1.1 Ban hành kế hoạch năm đúng hạn (minh họa)', option: 'Có', value: 'yes' },
  { key: '1/1.2', kind: 'select', label: '1.2 Mức độ hoàn thành kế hoạch năm (minh họa)', option: 'Hoàn thành từ 80% đến dưới 100%' },
  { key: '1/1.3', kind: 'text', label: '1.3 Báo cáo định kỳ đầy đủ, đúng hạn (minh họa)', value: '5,5' },
  { key: '1/1.4', kind: 'na', label: '1.4 Kiểm tra cơ quan, đơn vị trực thuộc (minh họa)' },
  { key: '2/2.1', kind: 'pair', label: '2.1 Tỷ lệ hồ sơ giải quyết đúng hạn (minh họa)', parts: ['Số hồ sơ giải quyết đúng hạn', 'Tổng số hồ sơ đã giải quyết'], value: '45', of: '50' },
  { key: '2/2.2', kind: 'pair', label: '2.2 Rà soát, đơn giản hóa thủ tục hành chính theo kế hoạch (minh họa)', parts: ['Số thủ tục đã rà soát', 'Số thủ tục phải rà soát theo kế hoạch'], value: '3', of: '4' },
  { key: '2/2.3', kind: 'na', label: '2.3 Tiếp nhận, xử lý phản ánh, kiến nghị về thủ tục hành chính (minh họa)' },
  { key: '2/2.4/a', kind: 'text', label: 'a Chất lượng: số lỗi lớn (minh họa)', value: '2' },
  { key: '2/2.4/b', kind: 'text', label: 'b Tiến độ: số lần chậm (minh họa)', value: '1' },
  { key: '2/2.5', kind: 'text', label: '2.5 Cung cấp dịch vụ công trực tuyến (minh họa)', value: '9' },
  { key: '3', kind: 'na', label: '3 Nhiệm vụ chuyên ngành (minh họa)' },
  { key: '4/4.1', kind: 'select', label: '4.1 Thái độ phục vụ của công chức (minh họa)', option: 'A' },
  { key: '4/4.2', kind: 'select', label: '4.2 Thời gian giải quyết hồ sơ (minh họa)', option: 'B' },
  { key: '4/4.3', kind: 'select', label: '4.3 Mức độ hài lòng chung (minh họa)', option: 'C' },
  { key: '5', kind: 'text', label: '5 Điểm đánh giá của lãnh đạo tỉnh (minh họa)', value: '8,5' },
  { key: '6/6.1', kind: 'text', label: '6.1 Sáng kiến được công nhận (minh họa)', value: '2,5' },
  { key: '6/6.2', kind: 'text', label: '6.2 Được khen thưởng: số lần (minh họa)', value: '3' },
  { key: '7/7.1', kind: 'text', label: '7.1 Chậm gửi báo cáo: số lần (minh họa)', value: '3' },
  { key: '7/7.2', kind: 'text', label: '7.2 Bị phê bình bằng văn bản (minh họa)', value: '0,5' },
];

export const TRAINING = {
  id: 'tap-huan-mau',
  title: 'Bộ chỉ số mẫu dùng để tập huấn (minh họa)',
  heading: /tập huấn/,
  inputs: TRAINING_INPUTS,
  /** Its two condition questions, both answered "Không". */
  answers: [
    { id: 'lanh_dao_bi_ky_luat', question: /người đứng đầu hoặc cấp phó/, answer: false },
    { id: 'de_xay_ra_tham_nhung', question: /tham nhũng, lãng phí/, answer: false },
  ],
  /** Score field names by item key (those of `inputs`). */
  items: Object.fromEntries(TRAINING_INPUTS.map((i) => [i.key, i.label])),
};

/** The drafts panel's import field: a dossier's JSON, or a package with its files. */
export const IMPORT = 'Nhập hồ sơ (JSON hoặc .zip kèm tệp)';

/** The "Thông tin cơ quan, đơn vị" fields. */
export const AGENCY = {
  name: 'Tên cơ quan, đơn vị',
  kind: 'Loại hình',
  year: 'Năm đánh giá',
  preparer: 'Người lập',
  contact: 'Liên hệ (điện thoại, thư điện tử)',
};

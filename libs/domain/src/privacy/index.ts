/**
 * Personal data in free text (titles, descriptions, reasons, objections): what public outputs must
 * not show verbatim (docs/notices.md, "Personal data in free text"). Pure and deterministic: the
 * same text always gives the same findings and the same masked text, so a replay or an as-of fold
 * of a public list is byte for byte what was shown.
 *
 * Detected: mainland mobile numbers, landlines (with area code, or after 电话/Tel), 18-digit
 * resident ID numbers whose check digit (ISO 7064 MOD 11-2, X for 10) is right, bank card numbers
 * (16–19 digits passing the Luhn check), any other run of 15–19 digits, e-mail addresses, room
 * numbers (…单元501室, 3-2-501, 501室) and "张某某"-style references to a person by surname. A
 * building alone (3号楼) is not personal. Names written out in full cannot be told from other
 * words and are not detected: that is what the public title the secretary confirms is for.
 */

export type PersonalDataKind = 'id_card' | 'bank_card' | 'long_number' | 'mobile' | 'landline' | 'email' | 'room' | 'name';

export interface PersonalDataFinding {
  kind: PersonalDataKind;
  /** UTF-16 offsets into the text */
  start: number;
  end: number;
}

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/** An 18-character resident ID number with the right check character. */
export function isResidentIdNumber(value: string): boolean {
  if (!/^\d{17}[\dXx]$/.test(value)) return false;
  const sum = ID_WEIGHTS.reduce((s, w, i) => s + w * Number(value[i]), 0);
  return ID_CHECK[sum % 11] === value[17].toUpperCase();
}

/** A card number passing the Luhn check. */
export function passesLuhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝';

interface Pattern {
  kind: PersonalDataKind | 'digits';
  /** a cheap test the text must pass before the pattern is tried (most text passes none: a fast path) */
  when: RegExp;
  re: RegExp;
}

// Order matters only for overlaps: the earliest, then the longest match wins.
const PATTERNS: Pattern[] = [
  { kind: 'email', when: /@/, re: /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g },
  // 15–19 digits (an ID number may end in X): classified below
  { kind: 'digits', when: /\d{15}/, re: /(?<!\d)(?:\d{17}[Xx]|\d{15,19})(?!\d)/g },
  { kind: 'mobile', when: /1[3-9]\d/, re: /(?<!\d)(?:\+?86[-\s]?)?1[3-9]\d(?:[-\s]?\d{4}){2}(?!\d)/g },
  { kind: 'landline', when: /0\d\d/, re: /(?<!\d)(?:\(0\d{2,3}\)|（0\d{2,3}）|0\d{2,3}[-\s]?)\d{7,8}(?:-\d{1,5})?(?!\d)/g },
  { kind: 'landline', when: /电话|座机|手机|联系方式|tel/i, re: /(?<=(?:电话|座机|手机|联系方式|tel|Tel|TEL)[:：]?\s?)\d{7,8}(?!\d)/g },
  { kind: 'room', when: /单元/, re: /(?<!\d)\d{1,4}(?:号楼|栋|幢)?[-－]?\d{1,3}(?:单元)[-－]?\d{2,5}(?:室|号|房)?/g },
  // building-unit-room (3-2-501); a date (2026-12-01) has a four-digit year and is left alone
  { kind: 'room', when: /\d-\d/, re: /(?<![\d-])\d{1,3}-\d{1,3}-\d{2,5}(?![\d-])/g },
  { kind: 'room', when: /\d(?:室|房间)/, re: /(?<!\d)\d{2,5}(?:室|房间)/g },
  // 某些/某种/某天… are words ("some"), not a person
  { kind: 'name', when: /某/, re: new RegExp(`[${SURNAMES}]某{1,2}(?![些种个天处地方件位项次年月日时])`, 'g') },
];
const ANY_TRIGGER = /[\d@某]/;

function classifyDigits(value: string): PersonalDataKind {
  if (value.length === 18 && isResidentIdNumber(value)) return 'id_card';
  if (/^\d{16,19}$/.test(value) && passesLuhn(value)) return 'bank_card';
  return 'long_number';
}

/** Every span of personal data in `text`, in order, not overlapping. */
export function findPersonalData(text: string): PersonalDataFinding[] {
  const found: PersonalDataFinding[] = [];
  if (!ANY_TRIGGER.test(text)) return found;
  for (const { kind, when, re } of PATTERNS) {
    if (!when.test(text)) continue;
    for (const m of text.matchAll(re)) {
      const start = m.index!;
      found.push({ kind: kind === 'digits' ? classifyDigits(m[0]) : kind, start, end: start + m[0].length });
    }
  }
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: PersonalDataFinding[] = [];
  for (const f of found) if (kept.length === 0 || f.start >= kept[kept.length - 1].end) kept.push(f);
  return kept;
}

export const containsPersonalData = (text: string | null | undefined): boolean => !!text && findPersonalData(text).length > 0;

/** The kinds found in any of the texts, sorted, each once. */
export function personalDataKinds(...texts: Array<string | null | undefined>): PersonalDataKind[] {
  const kinds = new Set<PersonalDataKind>();
  for (const t of texts) if (t) for (const f of findPersonalData(t)) kinds.add(f.kind);
  return [...kinds].sort();
}

/** Keep the first `head` and last `tail` digits (or characters), star the rest; separators go. */
function keepEnds(value: string, head: number, tail: number): string {
  const chars = Array.from(value.replace(/[-\s()（）+]/g, ''));
  if (chars.length <= head + tail) return '*'.repeat(chars.length);
  return chars.slice(0, head).join('') + '*'.repeat(chars.length - head - tail) + chars.slice(chars.length - tail).join('');
}

function maskSpan(kind: PersonalDataKind, value: string): string {
  switch (kind) {
    case 'mobile': {
      const digits = value.replace(/\D/g, '').replace(/^86(?=1[3-9]\d{9}$)/, '');
      return `${digits.slice(0, 3)}****${digits.slice(-4)}`;
    }
    case 'landline':
      return keepEnds(value, 0, 4).replace(/^\*+/, (s) => '*'.repeat(Math.min(s.length, 4)));
    case 'id_card':
    case 'bank_card':
    case 'long_number':
      return keepEnds(value, 3, 4);
    case 'email': {
      const at = value.indexOf('@');
      return `${value[0]}***${value.slice(at)}`;
    }
    case 'room':
      return value.replace(/\d/g, '*');
    case 'name':
      return `*${value.slice(1)}`;
  }
}

/**
 * The text with every span of personal data masked the way notice boards do: 138****5678,
 * ****5678 (landline), 110**********123X, z***@example.com, *单元***室, *某某.
 */
export function maskPersonalData(text: string): string {
  const findings = findPersonalData(text);
  if (findings.length === 0) return text;
  let out = '';
  let at = 0;
  for (const f of findings) {
    out += text.slice(at, f.start) + maskSpan(f.kind, text.slice(f.start, f.end));
    at = f.end;
  }
  return out + text.slice(at);
}

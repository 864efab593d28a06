import { containsPersonalData, findPersonalData, isResidentIdNumber, maskPersonalData, passesLuhn, personalDataKinds } from './index';

const kinds = (text: string) => findPersonalData(text).map((f) => f.kind);

describe('personal data in free text', () => {
  it('masks the micro-wish of the issue: a person named by surname', () => {
    expect(maskPersonalData('微心愿：困难户张某某需要轮椅')).toBe('微心愿：困难户*某某需要轮椅');
    expect(personalDataKinds('微心愿：困难户张某某需要轮椅')).toEqual(['name']);
  });

  it('mainland mobiles, with or without separators and +86', () => {
    expect(maskPersonalData('电话13812345678，或 138-1234-5678，或+86 138 1234 5678')).toBe('电话138****5678，或 138****5678，或138****5678');
    expect(kinds('19912345678')).toEqual(['mobile']);
    expect(kinds('12345678901')).toEqual([]); // no mobile starts 12
  });

  it('landlines with an area code, in brackets, or after 电话', () => {
    expect(maskPersonalData('座机010-12345678，0551-6543210，(021)87654321，电话：6512345')).toBe('座机****5678，****3210，****4321，电话：***2345');
  });

  it('18-digit ID numbers with the right check character (X for 10); other long digit runs too', () => {
    expect(isResidentIdNumber('11010519491231002X')).toBe(true);
    expect(isResidentIdNumber('11010519491231002x')).toBe(true);
    expect(isResidentIdNumber('110105194912310021')).toBe(false);
    expect(maskPersonalData('身份证11010519491231002X')).toBe('身份证110***********002X');
    expect(kinds('11010519491231002X')).toEqual(['id_card']);
    expect(kinds('110105194912310021')).toEqual(['long_number']); // wrong check digit: still masked
    expect(maskPersonalData('错的11010519491231002Y号')).toBe('错的110**********1002Y号');
  });

  it('bank card numbers (Luhn), e-mail addresses', () => {
    expect(passesLuhn('6222021234567890128')).toBe(true);
    expect(passesLuhn('6222021234567890129')).toBe(false);
    expect(kinds('卡号6222021234567890128')).toEqual(['bank_card']);
    expect(maskPersonalData('工资卡6222021234567890128转账')).toBe('工资卡622************0128转账');
    expect(maskPersonalData('邮箱 zhang.san@example.com。')).toBe('邮箱 z***@example.com。');
  });

  it('room numbers, not a building alone', () => {
    expect(maskPersonalData('和平路3号楼2单元501室王大爷，3-2-501，1202室')).toBe('和平路*号楼*单元***室王大爷，*-*-***，****室');
    expect(containsPersonalData('3号楼加装扶手')).toBe(false);
  });

  it('leaves ordinary text alone: dates, amounts, areas, layouts, 某些', () => {
    const plain = '3号楼加装扶手，2026-12-01前完成，同时某些居民反映，共200平米，2室1厅，每月20000元，10 volunteer-hours';
    expect(findPersonalData(plain)).toEqual([]);
    expect(maskPersonalData(plain)).toBe(plain);
    expect(containsPersonalData(null)).toBe(false);
  });

  it('is deterministic and idempotent: masking masked text changes nothing', () => {
    const text = '张某某 13812345678 11010519491231002X z@x.cn 2单元501室';
    const once = maskPersonalData(text);
    expect(maskPersonalData(text)).toBe(once);
    expect(maskPersonalData(once)).toBe(once);
    expect(containsPersonalData(once)).toBe(false);
  });
});

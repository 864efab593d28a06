import { maskFreeText, maskName, maskOptionalText, maskPhone, publicNeedTitle } from './masking';

describe('masking personal data', () => {
  it('keeps the family name and hides the rest', () => {
    expect(maskName('张三')).toBe('张*');
    expect(maskName('欧阳娜娜')).toBe('欧***');
    expect(maskName('李')).toBe('李*');
    expect(maskName(' Wang Fang ')).toBe('W********');
  });
  it('keeps the first three and last four digits of a phone number', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskPhone('+86 138-1234-5678')).toBe('861****5678');
    expect(maskPhone('12345')).toBe('*****');
    expect(maskPhone(null)).toBeNull();
  });
  it('masks personal data in free text, and shows a need under its confirmed public title', () => {
    expect(maskFreeText('微心愿：困难户张某某需要轮椅，电话13912345678')).toBe('微心愿：困难户*某某需要轮椅，电话139****5678');
    expect(maskOptionalText(null)).toBeNull();
    expect(publicNeedTitle({ title: '困难户张某某需要轮椅' })).toBe('困难户*某某需要轮椅');
    expect(publicNeedTitle({ title: '困难户张某某需要轮椅', publicTitle: '为困难户送轮椅' })).toBe('为困难户送轮椅');
  });
});

import { privacy } from '@cobuild/domain';

/**
 * Personal data on anything shown outside the community's own staff is masked the way Chinese
 * notice boards do: 张** · 138****5678 (domain.md, Public notices).
 */
export function maskName(name: string): string {
  const chars = Array.from(name.trim());
  if (chars.length === 0) return '';
  return chars[0] + '*'.repeat(Math.max(chars.length - 1, 1));
}

export function maskPhone(phone: string | null): string | null {
  if (phone === null) return null;
  const digits = phone.replace(/\D/g, '');
  if (digits.length >= 7) return `${digits.slice(0, 3)}****${digits.slice(-4)}`;
  return '*'.repeat(digits.length);
}

/**
 * Free text (titles, descriptions, reasons, objections) on anything public: every span of personal
 * data the detector finds (phones, ID and bank card numbers, e-mail, room numbers, 张某某) is masked
 * (libs/domain/src/privacy; docs/notices.md, "Personal data in free text").
 */
export const maskFreeText = (text: string): string => privacy.maskPersonalData(text);
export const maskOptionalText = (text: string | null | undefined): string | null => (text == null ? null : maskFreeText(text));

/** The title a need shows in public: the one the secretary confirmed, else its own with personal data masked. */
export const publicNeedTitle = (need: { title: string; publicTitle?: string | null }): string => need.publicTitle ?? maskFreeText(need.title);

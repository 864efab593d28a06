import type { WorkingDayCalendar } from './working-days';

/**
 * The PRC public holidays of 2026 and their make-up working days (调休上班), from the State
 * Council General Office's notice on the 2026 holiday arrangements (国务院办公厅关于2026年部分节假日
 * 安排的通知, 国办发明电〔2025〕7号, published 2025-11-04 on www.gov.cn):
 *   元旦 1/1–1/3, work Sun 1/4 · 春节 2/15–2/23, work Sat 2/14 and Sat 2/28 · 清明 4/4–4/6 ·
 *   劳动节 5/1–5/5, work Sat 5/9 · 端午 6/19–6/21 · 中秋 9/25–9/27 ·
 *   国庆 10/1–10/7, work Sun 9/20 and Sat 10/10.
 * THIS IS DATA THAT MUST BE UPDATED EVERY YEAR: the State Council announces the next year's
 * arrangement each November; add a `prc-<year>.ts` beside this file and merge it into
 * `PRC_CALENDAR`. A year without data counts only weekends as rest days.
 */
export const PRC_2026: WorkingDayCalendar = {
  holidays: [
    '2026-01-01', '2026-01-02', '2026-01-03',
    '2026-02-15', '2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20', '2026-02-21', '2026-02-22', '2026-02-23',
    '2026-04-04', '2026-04-05', '2026-04-06',
    '2026-05-01', '2026-05-02', '2026-05-03', '2026-05-04', '2026-05-05',
    '2026-06-19', '2026-06-20', '2026-06-21',
    '2026-09-25', '2026-09-26', '2026-09-27',
    '2026-10-01', '2026-10-02', '2026-10-03', '2026-10-04', '2026-10-05', '2026-10-06', '2026-10-07',
  ],
  makeUpWorkdays: ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'],
};

/** The default calendar: every year with published data. */
export const PRC_CALENDAR: WorkingDayCalendar = {
  holidays: [...PRC_2026.holidays],
  makeUpWorkdays: [...PRC_2026.makeUpWorkdays],
};

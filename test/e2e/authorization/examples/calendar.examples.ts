import type { EndpointExample } from '../endpoint-example';

/** a 2030 arrangement (dates for the test, not a real notice); recording it again changes nothing */
const arrangement = {
  holidays: ['2030-01-01', '2030-10-01', '2030-10-02', '2030-10-03'],
  makeUpWorkdays: ['2030-10-12'],
  status: 'expected',
  source: 'authorisation matrix example',
};

export const examples: EndpointExample[] = [
  {
    operation: 'PUT /districts/{districtId}/holiday-calendar/{year}',
    prepare: async ({ world }) => ({ path: `/districts/${world.districtId}/holiday-calendar/2030`, body: arrangement }),
  },
  { operation: 'GET /holiday-calendar', prepare: async () => ({ path: '/holiday-calendar' }) },
];

import type { EndpointExample } from '../endpoint-example';
import { examples as needs } from './needs.examples';
import { examples as organisations } from './organisations.examples';
import { examples as platform } from './platform.examples';

// one line per area; helpers add theirs (registrations, pledges, tasks, meetings, notices, evaluations, assessments)
export const allExamples: EndpointExample[] = [...platform, ...organisations, ...needs];

import type { EndpointExample } from '../endpoint-example';
import { examples as audit } from './audit.examples';
import { examples as needs } from './needs.examples';
import { examples as organisations } from './organisations.examples';
import { examples as platform } from './platform.examples';
import { examples as registrations } from './registrations.examples';
import { examples as notices } from './notices.examples';
import { examples as evaluations } from './evaluations.examples';
import { examples as assessments } from './assessments.examples';
import { examples as pledges } from './pledges.examples';
import { examples as tasks } from './tasks.examples';
import { examples as meetings } from './meetings.examples';
import { examples as views } from './views.examples';
import { examples as lists } from './lists.examples';
import { examples as webhooks } from './webhooks.examples';
import { examples as web } from './web.examples';
import { examples as calendar } from './calendar.examples';

// one line per area; helpers add theirs (registrations, pledges, tasks, meetings, notices, evaluations, assessments)
export const allExamples: EndpointExample[] = [...platform, ...organisations, ...needs, ...registrations, ...notices, ...evaluations, ...assessments, ...pledges, ...tasks, ...meetings, ...audit, ...views, ...lists, ...webhooks, ...web, ...calendar];

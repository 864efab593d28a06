import type { EndpointExample } from '../endpoint-example';
import { examples as needs } from './needs.examples';
import { examples as organisations } from './organisations.examples';

export const allExamples: EndpointExample[] = [...organisations, ...needs];

export * from './shared/message';
export * from './shared/decider';
export * from './shared/domain-error';

// one namespace per aggregate: each exports `decider`, `streamName`, `category` and its types
export * as district from './district';
export * as street from './street';
export * as community from './community';
export * as unitRegistration from './unit-registration';
export * as member from './member';
export * as pairing from './pairing';
export * as need from './need';
export * as pledge from './pledge';
export * as task from './task';
export * as meeting from './meeting';
export * as notice from './notice';
export * as evaluationRound from './evaluation-round';
export * as assessment from './assessment';
export * as webhookDelivery from './webhook-delivery';
export * as reminder from './reminder';
export * as references from './references';
export * as privacy from './privacy';
export * as holidayCalendar from './holiday-calendar';

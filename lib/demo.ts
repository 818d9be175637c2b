/** The demo learner `npm run db:seed` creates, with a generated 60-day history; the sign-in page offers it. */
export const DEMO_EMAIL = 'demo@patternwise.dev';
export const DEMO_PASSWORD = 'patterns-demo-2026';

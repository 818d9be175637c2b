import { foundationPage, topicMetadata } from '@/app/(app)/_routes/topic-pages';

export const generateMetadata = topicMetadata('case-studies');
export default foundationPage('case-studies');

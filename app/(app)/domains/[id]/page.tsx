import { foundationPage, topicMetadata } from '@/app/(app)/_routes/topic-pages';

export const generateMetadata = topicMetadata('domains');
export default foundationPage('domains');

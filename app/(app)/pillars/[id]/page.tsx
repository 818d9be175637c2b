import { foundationPage, topicMetadata } from '@/app/(app)/_routes/topic-pages';

export const generateMetadata = topicMetadata('pillars');
export default foundationPage('pillars');

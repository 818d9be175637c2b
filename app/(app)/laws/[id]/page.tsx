import { foundationPage, topicMetadata } from '@/app/(app)/_routes/topic-pages';

export const generateMetadata = topicMetadata('laws');
export default foundationPage('laws');

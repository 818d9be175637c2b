import { topicMetadata, topicQuizPage } from '@/app/(app)/_routes/topic-pages';

export const generateMetadata = topicMetadata('domains', ': quiz');
export default topicQuizPage('domains');

import { topicMetadata, topicQuizPage } from '@/app/(app)/_routes/topic-pages';

export const generateMetadata = topicMetadata('pillars', ': quiz');
export default topicQuizPage('pillars');

import { topicMetadata, topicQuizPage } from '@/app/(app)/_routes/topic-pages';

export const generateMetadata = topicMetadata('patterns', ': quiz');
export default topicQuizPage('patterns');

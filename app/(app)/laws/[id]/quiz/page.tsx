import { topicMetadata, topicQuizPage } from '@/app/(app)/_routes/topic-pages';

export const generateMetadata = topicMetadata('laws', ': quiz');
export default topicQuizPage('laws');

import { topicMetadata, topicQuizPage } from '@/app/(app)/_routes/topic-pages';

export const generateMetadata = topicMetadata('case-studies', ': quiz');
export default topicQuizPage('case-studies');

import { registerExecutor } from '../node-executor';
import { questionAnswerExecutor } from './question-answer.executor';

registerExecutor('question-answer', questionAnswerExecutor);

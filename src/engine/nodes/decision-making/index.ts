import { registerExecutor } from '../node-executor';
import { decisionMakingExecutor } from './decision-making.executor';

registerExecutor('decision-making', decisionMakingExecutor);

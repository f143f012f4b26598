import { registerExecutor } from '../node-executor';
import { sparkLlmExecutor } from './spark-llm.executor';

registerExecutor('spark-llm', sparkLlmExecutor);

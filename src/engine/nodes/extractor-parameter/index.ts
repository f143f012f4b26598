import { registerExecutor } from '../node-executor';
import { extractorParameterExecutor } from './extractor-parameter.executor';

registerExecutor('extractor-parameter', extractorParameterExecutor);

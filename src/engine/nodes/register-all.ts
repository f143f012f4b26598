// Side-effect imports: every built-in node type registers its executor here (one line each).
import './node-start/node-start.executor';
import './node-end/node-end.executor';
import './message/message.executor';
import './text-joiner/text-joiner.executor';
import './if-else/if-else.executor';
import './iteration/iteration.executor';
import './node-variable/node-variable.executor';
import './spark-llm/spark-llm.executor';
import './decision-making/decision-making.executor';
import './extractor-parameter/extractor-parameter.executor';
import './question-answer/question-answer.executor';
import './ifly-code/ifly-code.executor';
import './database/database.executor';
import './plugin/plugin.executor';
import './flow/flow.executor';
import './http-request/http-request.executor';

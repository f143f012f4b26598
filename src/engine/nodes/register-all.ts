// Side-effect imports: every built-in node type registers its executor here.
import './spark-llm/spark-llm.executor';
import './decision-making/decision-making.executor';
import './extractor-parameter/extractor-parameter.executor';
import './question-answer/question-answer.executor';

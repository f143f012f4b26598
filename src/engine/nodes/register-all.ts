// Side-effect imports: every built-in node type registers its executor here.
import './spark-llm';
import './decision-making';
import './extractor-parameter';
import './question-answer';

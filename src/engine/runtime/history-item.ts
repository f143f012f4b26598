/** One entry of the request's chat history (v2), as a run receives it (docs/engine.md#request-history). */
export interface HistoryItem {
  role: 'user' | 'assistant';
  content: string;
  content_type?: 'text' | 'image' | 'audio' | null;
}

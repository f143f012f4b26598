// The chat module's public surface: the module, and the body and route decorator that the debug
// chat route shares (it is the same route in the debug view).
export { ChatModule } from './chat.module';
export { ChatRunRoute } from './chat-run-route.decorator';
export { ChatRequestDto, HistoryItemDto } from './dto/chat-request.dto';

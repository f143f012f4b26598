/**
 * Extensions accepted per `allowedFileType` kind of a start-node file variable (the reference's
 * ALLOWED_FILE_TYPE plus the audio kind the console offers, docs/nodes.md#node-start).
 */
export const DEFAULT_FILE_KINDS: Readonly<Record<string, readonly string[]>> = {
  image: ['jpg', 'jpeg', 'png', 'bmp'],
  pdf: ['pdf'],
  doc: ['docx', 'doc'],
  ppt: ['ppt', 'pptx'],
  excel: ['xls', 'xlsx', 'csv'],
  txt: ['txt'],
  audio: ['wav', 'mp3', 'flac', 'm4a', 'aac', 'ogg', 'wma', 'midi'],
};

/**
 * Parses JSON that Ferry stored itself. A SyntaxError from JSON.parse quotes
 * the text around the fault, which for a damaged record is somebody's data,
 * and errors are logged; the caller's own error, naming only the record,
 * is thrown instead.
 */
export function parseStoredJson(json: string, damaged: () => Error): unknown {
  try {
    return JSON.parse(json);
  } catch {
    throw damaged();
  }
}

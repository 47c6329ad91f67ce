/**
 * Whether a parsed JSON value nests arrays and objects deeper than
 * `maxDepth` (`{}` and `[]` are depth 1, `{"a":[1]}` depth 2). Walks with
 * an explicit stack, not recursion: a hostile body such as a megabyte of
 * `[[[[…` parses fine but would overflow the call stack of a recursive
 * walk, and of every recursive consumer after it. Stops at the first level
 * beyond the limit.
 */
export function exceedsJsonDepth(value: unknown, maxDepth: number): boolean {
  const pending: { value: unknown; depth: number }[] = [{ value, depth: 0 }];
  for (let next = pending.pop(); next; next = pending.pop()) {
    if (typeof next.value !== 'object' || next.value === null) continue;
    const depth = next.depth + 1;
    if (depth > maxDepth) return true;
    const children = Array.isArray(next.value)
      ? (next.value as unknown[])
      : Object.values(next.value);
    for (const child of children) {
      if (typeof child === 'object' && child !== null) {
        pending.push({ value: child, depth });
      }
    }
  }
  return false;
}

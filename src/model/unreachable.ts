/** Exhaustiveness guard for `switch` on a tagged union: a missing case is a compile error (the hot-path twin of ts-pattern's `.exhaustive()`). */
export function unreachable(value: never): never {
  throw new Error(`unreachable: ${JSON.stringify(value)}`);
}

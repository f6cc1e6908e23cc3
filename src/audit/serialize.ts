/**
 * The one serialisation of a result document, byte for byte as `bostad-forst allocate` writes it:
 * two-space indented JSON in the result's own key order, with a trailing newline. `verify` compares against it.
 *
 * @example writeFileSync("result.json", serializeResult(allocate(raw).value))
 */
export function serializeResult(result: unknown): string {
  return `${JSON.stringify(result, null, 2)}\n`;
}

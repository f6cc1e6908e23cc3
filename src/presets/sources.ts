/** Source documents in shared/seeds (README there says what each is); presets cite them by file name. */
export const SEED = {
  orebroStrategy: "000_dd672170781422c7.txt",
  coordinator: "001_8d18830abf067b7b.txt",
  orebroActionPlan: "002_50ae62936fea26ff.txt",
  lundActionPlan: "003_a6b4b33b68e1eed4.txt",
  kalmarMotion: "004_5a2b35a83f025ea8.txt",
} as const;

/** Marks a value no source document gives: the library's documented default (docs/presets.md). */
export const DEFAULT = "default (docs/presets.md)";

/** A source citation, optionally followed by what was chosen where the document is silent. */
export const cite = (...parts: string[]): string => parts.join("; ");
